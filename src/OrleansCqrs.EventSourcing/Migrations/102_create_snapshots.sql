-- Snapshots of aggregate and projection state. Unlike events they may be deleted: compaction keeps the newest few.
create schema if not exists snapshots;

create table snapshots.snapshots (
    tenant_id      text        not null,
    stream_id      text        not null,
    version        bigint      not null,
    state_type     text        not null,
    schema_version int         not null,
    shape_hash     bytea       not null,
    checksum       bytea       not null,
    payload        bytea       not null,
    created_at     timestamptz not null default now(),
    primary key (tenant_id, stream_id, version));

do $$
begin
    if exists (select from pg_roles where rolname = 'orleanscqrs_writer') then
        grant usage on schema snapshots to orleanscqrs_writer;
        grant select, insert, delete on snapshots.snapshots to orleanscqrs_writer;
    end if;
end
$$;
