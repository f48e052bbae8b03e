-- =============================================================================================
-- 00  Input: from raw JSON lines to the events that count
--
-- spec/events.md, spec/indicators.md "Common rules" and "Precise rules / Input".
-- The caller has already dropped schema-invalid lines, so every line here is one canonical JSON
-- event. File order is arrival order: each line gets its ordinal `ord`.
--
-- Produces
--   parsed_events    every line, parsed, with its local date and arrival ordinal
--   accepted_events  valid events, first arrival of each event_id (duplicates dropped)
--   effective_events accepted events that are not VOIDs and not voided: what indicators count
-- =============================================================================================

-- One row per non-blank line, numbered in file order (= arrival order), with every field of every
-- event type (events.md "Types and their fields"; absent fields are NULL) and its date.
-- The date of an event is the local date written in occurred_at: its first 10 characters, no
-- time-zone conversion ("Common rules / Date").
CREATE TABLE parsed_events AS
WITH input_lines AS (
    SELECT ord, line
    FROM (
        SELECT unnest(lines) AS line, generate_subscripts(lines, 1) AS ord
        FROM (SELECT string_split(replace(content, chr(13), ''), chr(10)) AS lines
              FROM read_text(getvariable('events_path')))
    )
    WHERE trim(line) <> ''
),
parsed AS (
    SELECT ord, unnest(from_json(line, '{
            "event_id": "VARCHAR", "type": "VARCHAR", "site_id": "VARCHAR",
            "occurred_at": "VARCHAR", "recorded_at": "VARCHAR", "source": "VARCHAR",
            "person_id": "VARCHAR", "programme": "VARCHAR", "arm": "VARCHAR", "setting": "VARCHAR",
            "planned_days": "BIGINT", "reason": "VARCHAR",
            "person_ids": ["VARCHAR"], "worker_id": "VARCHAR", "worker_role": "VARCHAR",
            "mode": "VARCHAR", "duration_minutes": "BIGINT", "outcome": "VARCHAR", "crisis": "BOOLEAN",
            "stay_id": "VARCHAR", "ward": "VARCHAR", "involuntary": "BOOLEAN",
            "discharge_type": "VARCHAR", "kind": "VARCHAR",
            "fte": "DOUBLE", "active": "BOOLEAN", "paused_until": "VARCHAR",
            "voids_event_id": "VARCHAR"
        }'))
    FROM input_lines
)
SELECT *, CAST(left(occurred_at, 10) AS DATE) AS event_date
FROM parsed;

-- FUTURE_EVENT ("Precise rules / Input"): the local occurred_at date is more than one day
-- (future_horizon_days, configurable, default 1) after the UTC date of recorded_at. Such an event is rejected, and a rejected event does not reserve
-- its event_id. (The session time zone is UTC, so the cast below gives the UTC date.)
-- Duplicates: a second event with an event_id already seen counts once, the first arrival wins
-- (events.md, envelope `event_id`).
CREATE TABLE accepted_events AS
SELECT *
FROM parsed_events
WHERE NOT coalesce(event_date > CAST(try_cast(recorded_at AS TIMESTAMPTZ) AS DATE) + getvariable('future_horizon_days'), false)
QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY ord) = 1;

-- VOID retracts its target whenever it arrives (before or after it). A VOID of a VOID is
-- ignored, and a VOID whose target never arrived changes nothing.
CREATE TABLE voided_event_ids AS
SELECT DISTINCT target.event_id
FROM accepted_events AS void
JOIN accepted_events AS target ON target.event_id = void.voids_event_id
WHERE void.type = 'VOID'
  AND target.type <> 'VOID';

-- What the indicators count: accepted, not a VOID, not voided.
CREATE TABLE effective_events AS
SELECT e.*
FROM accepted_events AS e
ANTI JOIN voided_event_ids AS v USING (event_id)
WHERE e.type <> 'VOID';
