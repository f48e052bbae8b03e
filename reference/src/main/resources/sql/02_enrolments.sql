-- =============================================================================================
-- 02  Enrolments
--
-- indicators.md "Common rules / Enrolment" and "Precise rules / Enrolments":
--   * an enrolment starts on its ENROLLED date d0 and ends on the earliest of its EXITED date,
--     d0 + planned_days - 1 (default 182), or the day before the person's next ENROLLED
--   * its site, programme and arm are those of its ENROLLED event
--   * two ENROLLED of one person on the same date: the later one (in arrival order) stands
--   * EXITED ends the enrolment active on its date; an exit on the start day of a person's first
--     enrolment makes it a one-day enrolment; an exit dated on the start day of an enrolment that
--     follows an earlier one belongs to the earlier one (ends it if it was still active the day
--     before, ignored otherwise); an exit that finds no active enrolment is ignored; of several
--     exits for one enrolment the earliest counts; the exit's date and reason belong to the
--     enrolment it ended
--
-- Produces
--   enrolments      enrolment_id, person_id, site_id, programme, arm, d0, end_date,
--                   exit_date, exit_reason
--   enrolment_days  one row per enrolment day up to the site horizon, with `paused`
-- =============================================================================================

-- Of two ENROLLED of one person on one date, the later arrival stands; the other never counts.
CREATE TABLE enrolled_events AS
SELECT *
FROM effective_events
WHERE type = 'ENROLLED'
QUALIFY row_number() OVER (PARTITION BY person_id, event_date ORDER BY ord DESC) = 1;

-- Each enrolment with its "natural" end (planned length, or the day before the next ENROLLED)
-- and its predecessor. planned_days below 1 is treated as 1 so that an enrolment is never empty.
CREATE TABLE enrolment_spans AS
WITH ordered AS (
    SELECT event_id AS enrolment_id, person_id, site_id, programme, arm,
           event_date AS d0,
           least(event_date + CAST(greatest(coalesce(planned_days, 182), 1) AS INTEGER) - 1,
                 lead(event_date) OVER person_enrolments - 1) AS natural_end,
           lag(event_id) OVER person_enrolments AS previous_enrolment_id
    FROM enrolled_events
    WINDOW person_enrolments AS (PARTITION BY person_id ORDER BY event_date)
)
SELECT o.*, prev.natural_end AS previous_natural_end
FROM ordered AS o
LEFT JOIN ordered AS prev ON prev.enrolment_id = o.previous_enrolment_id;

-- Which enrolment each EXITED ends (NULL = ignored).
CREATE TABLE exit_attribution AS
SELECT x.event_id AS exit_id, x.ord, x.event_date AS exit_date, x.reason,
       CASE
           -- dated on the start day of a person's FIRST enrolment: a one-day enrolment
           WHEN starting.enrolment_id IS NOT NULL AND starting.previous_enrolment_id IS NULL
               THEN starting.enrolment_id
           -- dated on the start day of a LATER enrolment: belongs to the earlier one, and ends it
           -- only if it was still active the day before
           WHEN starting.enrolment_id IS NOT NULL
               THEN CASE WHEN starting.previous_natural_end >= x.event_date - 1
                         THEN starting.previous_enrolment_id END
           -- otherwise: the enrolment active on the exit date, if any
           ELSE covering.enrolment_id
       END AS enrolment_id
FROM effective_events AS x
LEFT JOIN enrolment_spans AS starting
       ON starting.person_id = x.person_id AND starting.d0 = x.event_date
LEFT JOIN enrolment_spans AS covering
       ON covering.person_id = x.person_id
      AND x.event_date > covering.d0 AND x.event_date <= covering.natural_end
WHERE x.type = 'EXITED';

-- Of several exits for one enrolment the earliest counts (same date: the first to arrive).
CREATE TABLE enrolment_exits AS
SELECT enrolment_id, exit_date, reason AS exit_reason
FROM exit_attribution
WHERE enrolment_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY enrolment_id ORDER BY exit_date, ord) = 1;

CREATE TABLE enrolments AS
SELECT s.enrolment_id, s.person_id, s.site_id, s.programme, s.arm, s.d0,
       least(s.natural_end, coalesce(x.exit_date, s.natural_end)) AS end_date,
       x.exit_date, x.exit_reason
FROM enrolment_spans AS s
LEFT JOIN enrolment_exits AS x USING (enrolment_id);

-- Enrolment days up to the horizon of the enrolment's site (later days add no person-days and
-- no active days). Paused days stay in the table, flagged: person-days and ACTIVE_ENROLMENTS
-- skip them, contacts, relapses, admissions and bed days do not.
CREATE TABLE enrolment_days AS
SELECT e.enrolment_id, e.person_id, e.site_id, e.programme, e.arm, sd.day, sd.paused
FROM enrolments AS e
JOIN site_days AS sd ON sd.site_id = e.site_id AND sd.day BETWEEN e.d0 AND e.end_date;

-- Person-days ("Common rules / Paused day"): non-paused enrolment days, per cell and day.
CREATE TABLE daily_person_days AS
SELECT site_id, programme, arm, day, count(*) AS person_days
FROM enrolment_days
WHERE NOT paused
GROUP BY site_id, programme, arm, day;

-- Person-days per cell and period: the denominator of every person-time rate.
CREATE TABLE period_person_days AS
SELECT p.site_id, d.programme, d.arm, p.period_type, p.period_start, p.period_end,
       sum(d.person_days) AS person_days
FROM daily_person_days AS d
JOIN day_periods AS p ON p.site_id = d.site_id AND p.day = d.day
GROUP BY ALL;
