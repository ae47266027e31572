-- Appends one request's events to one stream: checks the idempotency key and the expected
-- version under the stream's row lock, then inserts. Expected failures are returned as an
-- outcome instead of raised, so a group commit can answer each request on its own and still
-- commit the others.
--   p_expected_kind: 0 any, 1 no stream, 2 stream exists, 3 exactly p_expected_version
--   outcome:         0 appended, 1 replay of an earlier request with the same key,
--                    2 wrong expected version, 3 key already used for other events
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
    v_current bigint;
    v_count   int := cardinality(p_event_ids);
    v_hash    bytea;
    v_first   bigint;
    v_last    bigint;
begin
    loop
        select s.version into v_current
          from eventstore.streams s
         where s.tenant_id = p_tenant_id and s.stream_id = p_stream_id
           for update;
        exit when found;

        -- A new stream. Claim it only if the expectation allows a new stream, so a failed
        -- request leaves nothing behind.
        if p_expected_kind in (2) or (p_expected_kind = 3 and p_expected_version <> 0) then
            outcome := 2;
            stream_version := 0;
            return;
        end if;
        insert into eventstore.streams (tenant_id, stream_id, version)
        values (p_tenant_id, p_stream_id, 0)
        on conflict do nothing;
        if found then
            v_current := 0;
            exit;
        end if;
        -- Lost the race to a concurrent creator: go round and lock the row it made.
    end loop;

    if p_idempotency_key is not null then
        select i.request_hash, i.first_version, i.last_version
          into v_hash, v_first, v_last
          from eventstore.idempotency i
         where i.tenant_id = p_tenant_id and i.stream_id = p_stream_id
           and i.idempotency_key = p_idempotency_key;
        if found then
            if v_hash <> p_request_hash then
                outcome := 3;
                stream_version := v_current;
                return;
            end if;
            outcome := 1;
            stream_version := v_last;
            select (array_agg(e.transaction_id))[1], array_agg(e.global_position order by e.stream_version)
              into transaction_id, global_positions
              from eventstore.events e
             where e.tenant_id = p_tenant_id and e.stream_id = p_stream_id
               and e.stream_version between v_first and v_last;
            return;
        end if;
    end if;

    if not (p_expected_kind = 0
            or (p_expected_kind = 1 and v_current = 0)
            or (p_expected_kind = 2 and v_current > 0)
            or (p_expected_kind = 3 and v_current = p_expected_version)) then
        outcome := 2;
        stream_version := v_current;
        return;
    end if;

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

    update eventstore.streams s
       set version = v_current + v_count
     where s.tenant_id = p_tenant_id and s.stream_id = p_stream_id;

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
