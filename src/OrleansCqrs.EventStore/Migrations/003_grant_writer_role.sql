-- The application connects as a member of orleanscqrs_writer, which may read and append events
-- but never change or remove one. Creating the role needs CREATEROLE; an owner without it
-- gets a notice and creates the role (and these grants) by hand.
do $$
begin
    if not exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
        create role orleanscqrs_writer nologin;
    end if;
exception
    -- Roles belong to the whole cluster: another database's migration may create it at the same moment.
    when duplicate_object or unique_violation then null;
    when insufficient_privilege then
    raise notice 'cannot create role orleanscqrs_writer (no CREATEROLE); grant the application role by hand';
end
$$;

do $$
begin
    if exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
        grant usage on schema eventstore to orleanscqrs_writer;
        grant select, insert on eventstore.events to orleanscqrs_writer;
        grant select, insert, update on eventstore.streams to orleanscqrs_writer;
        grant select, insert on eventstore.idempotency to orleanscqrs_writer;
        grant execute on function eventstore.append_events(text, text, smallint, bigint, text, bytea, uuid[], text[], int[], json[], json[]) to orleanscqrs_writer;
        grant execute on function eventstore.earlier_append(text, text, text, bytea) to orleanscqrs_writer;
    end if;
end
$$;

revoke all on eventstore.events from public;
