-- What an earlier append with this idempotency key answered: outcome 1 with its versions and
-- positions, outcome 3 when the key came with other events, no row when the key is new.
create function eventstore.earlier_append(
    p_tenant_id       text,
    p_stream_id       text,
    p_idempotency_key text,
    p_request_hash    bytea,
    out outcome          smallint,
    out stream_version   bigint,
    out transaction_id   xid8,
    out global_positions bigint[])
returns setof record
language sql stable as $$
    select case when i.request_hash = p_request_hash then 1 else 3 end::smallint,
           i.last_version,
           (select e.transaction_id
              from eventstore.events e
             where e.tenant_id = i.tenant_id and e.stream_id = i.stream_id and e.stream_version = i.first_version),
           (select array_agg(e.global_position order by e.stream_version)
              from eventstore.events e
             where e.tenant_id = i.tenant_id and e.stream_id = i.stream_id
               and e.stream_version between i.first_version and i.last_version)
      from eventstore.idempotency i
     where i.tenant_id = p_tenant_id and i.stream_id = p_stream_id and i.idempotency_key = p_idempotency_key
$$;

-- Appends one request's events to one stream. Expected failures are returned as an outcome
-- instead of raised, so a group commit can answer each request on its own and still commit the
-- others; only a refusal by the database itself (a constraint, a trigger) raises.
--   p_expected_kind: 0 any, 1 no stream, 2 stream exists, 3 exactly p_expected_version
--   outcome:         0 appended, 1 replay of an earlier request with the same key,
--                    2 wrong expected version, 3 key already used for other events
--
-- Concurrency: the stream's row in eventstore.streams is claimed by the very statement that
-- checks and bumps its version (UPDATE … WHERE version = expected, or INSERT for a new stream), so
-- writers of one stream queue on that row and writers of different streams never meet. A writer
-- that waited re-checks against the committed version (READ COMMITTED re-evaluates the WHERE).
create function eventstore.append_events(
    p_tenant_id        text,
    p_stream_id        text,
    p_expected_kind    smallint,
    p_expected_version bigint,
    p_idempotency_key  text,
    p_request_hash     bytea,
    p_event_ids        uuid[],
    p_event_types      text[],
    p_schema_versions  int[],
    p_data             json[],
    p_metadata         json[],
    out outcome          smallint,
    out stream_version   bigint,
    out transaction_id   xid8,
    out global_positions bigint[])
language plpgsql as $$
declare
    v_count    int := cardinality(p_event_ids);
    v_current  bigint;
    v_position bigint;
begin
    -- A retry of a committed request: answer as the first time, write nothing. Concurrent
    -- retries of one request queue on the key first, so the later one finds the earlier's answer.
    if p_idempotency_key is not null then
        perform pg_advisory_xact_lock(hashtextextended(p_tenant_id || '/' || p_stream_id || '/' || p_idempotency_key, 0));
        select r.outcome, r.stream_version, r.transaction_id, r.global_positions
          into outcome, stream_version, transaction_id, global_positions
          from eventstore.earlier_append(p_tenant_id, p_stream_id, p_idempotency_key, p_request_hash) r;
        if outcome is not null then
            return;
        end if;
    end if;

    loop
        if p_expected_kind = 1 or (p_expected_kind = 3 and p_expected_version = 0) then
            insert into eventstore.streams (tenant_id, stream_id, version)
            values (p_tenant_id, p_stream_id, v_count)
            on conflict do nothing;
            if found then
                v_current := 0;
            end if;
            exit;
        end if;

        update eventstore.streams s
           set version = s.version + v_count
         where s.tenant_id = p_tenant_id and s.stream_id = p_stream_id
           and (p_expected_kind <> 3 or s.version = p_expected_version)
        returning s.version - v_count into v_current;
        exit when found or p_expected_kind <> 0;

        -- Any, on a stream that does not exist yet: create it, or go round if another writer just did.
        insert into eventstore.streams (tenant_id, stream_id, version)
        values (p_tenant_id, p_stream_id, v_count)
        on conflict do nothing;
        if found then
            v_current := 0;
            exit;
        end if;
    end loop;

    if v_current is null then
        outcome := 2;
        select coalesce(max(s.version), 0) into stream_version
          from eventstore.streams s
         where s.tenant_id = p_tenant_id and s.stream_id = p_stream_id;
        return;
    end if;

    if v_count = 1 then
        -- Most appends carry one event: a plain insert skips the unnest and the aggregate.
        insert into eventstore.events
            (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
        values (p_tenant_id, p_stream_id, v_current + 1, p_event_ids[1], p_event_types[1], p_schema_versions[1], p_data[1], p_metadata[1])
        returning events.global_position into v_position;
        global_positions := array[v_position];
    else
        with inserted as (
            insert into eventstore.events
                (tenant_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata)
            select p_tenant_id, p_stream_id, v_current + e.ord, e.event_id, e.event_type, e.schema_version, e.data, e.metadata
              from unnest(p_event_ids, p_event_types, p_schema_versions, p_data, p_metadata) with ordinality
                   as e (event_id, event_type, schema_version, data, metadata, ord)
             order by e.ord
            returning events.stream_version, events.global_position)
        select array_agg(i.global_position order by i.stream_version)
          into global_positions
          from inserted i;
    end if;

    if p_idempotency_key is not null then
        insert into eventstore.idempotency
            (tenant_id, stream_id, idempotency_key, request_hash, first_version, last_version)
        values (p_tenant_id, p_stream_id, p_idempotency_key, p_request_hash, v_current + 1, v_current + v_count);
    end if;

    outcome := 0;
    stream_version := v_current + v_count;
    transaction_id := pg_current_xact_id();
end
$$;
