-- Events a read model could not read or apply, parked instead of stopping it: durable, visible and retryable.
-- A per-aggregate read model holds back only the parked event's stream behind it; a log-fed one goes on past it.
create table projections.parked_events (
    projection     text        not null,
    tenant_id      text        not null,
    stream_id      text        not null,
    stream_version bigint      not null,
    transaction_id xid8        not null,
    position       bigint      not null,
    event_type     text        not null,
    schema_version int         not null,
    error          text        not null,
    -- 'parked' until a retry applies it (the row is then deleted) or an operator decides to 'skip' it.
    status         text        not null default 'parked' check (status in ('parked', 'skipped')),
    attempts       int         not null default 1,
    first_seen     timestamptz not null default now(),
    last_attempt   timestamptz not null default now(),
    primary key (projection, tenant_id, stream_id, stream_version));

do $$
begin
    if exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
        grant select, insert, update, delete on projections.parked_events to orleanscqrs_writer;
    end if;
end
$$;
