-- Where the stream provider's partitions and the log-following projections have got to, and rebuilds in progress.
create schema if not exists projections;

create table projections.partition_checkpoints (
    provider       text        not null,
    partition_id   int         not null,
    transaction_id xid8        not null,
    position       bigint      not null,
    updated_at     timestamptz not null default now(),
    primary key (provider, partition_id));

create table projections.checkpoints (
    projection     text        primary key,
    transaction_id xid8        not null default '0',
    position       bigint      not null default 0,
    paused         boolean     not null default false,
    updated_at     timestamptz not null default now());

create table projections.rebuilds (
    projection     text        primary key,
    shadow_suffix  text        not null,
    transaction_id xid8        not null default '0',
    position       bigint      not null default 0,
    events         bigint      not null default 0,
    started_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now());

-- Read models are owned by this role, which the application holds: a rebuild may then create, swap and
-- drop read-model tables, while the events stay out of reach (the writer role only reads and appends them).
do $$
begin
    if not exists (select from pg_roles where rolname = 'orleanscqrs_readmodels') then
        create role orleanscqrs_readmodels nologin;
    end if;
exception
    when duplicate_object or unique_violation then null;
    when insufficient_privilege then
    raise notice 'cannot create role orleanscqrs_readmodels (no CREATEROLE); create it by hand';
end
$$;

create schema if not exists readmodels;

do $$
begin
    if exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
        grant usage on schema projections to orleanscqrs_writer;
        grant select, insert, update, delete on projections.partition_checkpoints, projections.checkpoints, projections.rebuilds to orleanscqrs_writer;
    end if;
    if exists (select from pg_roles where rolname = 'orleanscqrs_readmodels') then
        grant usage, create on schema readmodels to orleanscqrs_readmodels;
        if exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
            grant orleanscqrs_readmodels to orleanscqrs_writer;
        end if;
    end if;
end
$$;
