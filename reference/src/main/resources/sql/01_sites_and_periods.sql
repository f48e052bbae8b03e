-- =============================================================================================
-- 01  Sites, pauses and periods
--
-- indicators.md "Common rules": Site horizon, Status (site watermark), Paused day, Periods.
--
-- Produces
--   sites        site_id, horizon, watermark
--   site_days    every day of every site from the first event date up to the site's horizon,
--                with `paused` (inside any SITE_PAUSE of that site)
--   day_periods  which DAY / WEEK / MONTH / ROLLING_28D periods of its site each such day
--                belongs to. Indicators map a dated thing (an enrolment day, a contact, an
--                enrolment start, a discharge) to its periods with an equi-join on (site, day).
-- =============================================================================================

-- Site horizon = latest local event date among the accepted events recorded by the site,
-- VOIDs and voided events included. Watermark = horizon - lateness_days.
CREATE TABLE sites AS
SELECT site_id,
       max(event_date)                                      AS horizon,
       max(event_date) - CAST(getvariable('lateness_days') AS INTEGER) AS watermark
FROM accepted_events
GROUP BY site_id;

-- SITE_PAUSE: the site delivers no intervention from occurred_at to paused_until (inclusive).
CREATE TABLE site_pauses AS
SELECT site_id, event_date AS paused_from, CAST(left(paused_until, 10) AS DATE) AS paused_until
FROM effective_events
WHERE type = 'SITE_PAUSE';

-- Days after a site's horizon "have not happened yet": no site day exists after it, so nothing
-- dated after the horizon reaches a period of that site (a WEEK/MONTH counts days up to it).
CREATE TABLE site_days AS
WITH first_day AS (SELECT min(event_date) AS day FROM accepted_events),
days AS (
    SELECT s.site_id, CAST(unnest(generate_series(f.day, s.horizon, INTERVAL 1 DAY)) AS DATE) AS day
    FROM sites AS s, first_day AS f
),
paused_days AS (
    SELECT DISTINCT p.site_id,
           CAST(unnest(generate_series(p.paused_from, least(p.paused_until, s.horizon), INTERVAL 1 DAY)) AS DATE) AS day
    FROM site_pauses AS p
    JOIN sites AS s USING (site_id)
    WHERE p.paused_from <= least(p.paused_until, s.horizon)
)
SELECT d.site_id, d.day, (pd.day IS NOT NULL) AS paused
FROM days AS d
LEFT JOIN paused_days AS pd USING (site_id, day);

-- Periods ("Common rules / Periods"; period_start and period_end inclusive):
--   DAY          the day itself
--   WEEK         ISO week, Monday to Sunday
--   MONTH        calendar month
--   ROLLING_28D  the 28 days ending on period_end E, one per day: day d belongs to E = d .. d+27.
-- Rows exist only up to the horizon: a DAY / ROLLING_28D row needs period_end <= horizon, a
-- WEEK / MONTH row needs period_start <= horizon. Both follow from site_days ending at it.
CREATE TABLE day_periods AS
SELECT site_id, day, 'DAY' AS period_type, day AS period_start, day AS period_end
FROM site_days
UNION ALL
SELECT site_id, day, 'WEEK',
       CAST(date_trunc('week', day) AS DATE), CAST(date_trunc('week', day) AS DATE) + 6
FROM site_days
UNION ALL
SELECT site_id, day, 'MONTH', CAST(date_trunc('month', day) AS DATE), last_day(day)
FROM site_days
UNION ALL
SELECT d.site_id, d.day, 'ROLLING_28D', d.day + k.offset_days - 27, d.day + k.offset_days
FROM site_days AS d
CROSS JOIN (SELECT CAST(unnest(range(0, 28)) AS INTEGER) AS offset_days) AS k
JOIN sites AS s ON s.site_id = d.site_id
WHERE d.day + k.offset_days <= s.horizon;
