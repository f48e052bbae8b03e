-- =============================================================================================
-- 07  Workers, FTE and the contacts that count for workload
--
-- indicators.md "Workload" and "Precise rules / Workload":
--   * a worker is (site_id of the WORKER_STATUS, worker_id); on a day their role, fte and
--     activity come from their latest status on or before that day (same day: the later
--     arrival). Before their first status a worker has no status (and no FTE).
--   * FTE on a day = sum of fte of that role's workers whose status on that day is active
--     (pauses do not matter: FTE counts on paused days too)
--   * FTE-weeks of a period = sum over its days (up to the site horizon) of FTE / 7
--   * contacts count for the site that recorded them, attended ones only; contacts by workers
--     with no status count in numerators. The worker of a contact is (recording site,
--     worker_id), so it matches a status only when that status was recorded by the same site.
-- fte is taken as a DECIMAL with 6 places (the JSON number, not its binary double), so sums of
-- FTE and the PSW_OVER_THRESHOLD comparison are exact.
--
-- Produces
--   worker_days       site_id, worker_id, day, role, fte, active: one row per site day from the
--                     worker's first status up to the site horizon
--   daily_fte         site_id, role, day, fte (active workers only; days without one are absent)
--   workload_contacts attended CONTACT events (a group session once): contact_id, site_id
--                     (recording site), worker_id, role (the contact's worker_role), mode,
--                     contact_date, duration_minutes
--   workload_periods  the WEEK / MONTH / ROLLING_28D periods of each site that have a row
--                     (up to the horizon), with point_day = min(period_end, horizon)
-- =============================================================================================

-- Of several statuses of one worker on one date, the later arrival stands.
CREATE TABLE worker_statuses AS
SELECT site_id, worker_id, event_date AS effective_from, worker_role AS role,
       CAST(coalesce(fte, 0) AS DECIMAL(18, 6)) AS fte,
       coalesce(active, false)                  AS active
FROM effective_events
WHERE type = 'WORKER_STATUS'
QUALIFY row_number() OVER (PARTITION BY site_id, worker_id, event_date ORDER BY ord DESC) = 1;

-- A status holds from its date until the day before the worker's next status.
CREATE TABLE worker_status_spans AS
SELECT *,
       lead(effective_from) OVER (PARTITION BY site_id, worker_id ORDER BY effective_from) - 1 AS effective_until
FROM worker_statuses;

CREATE TABLE worker_days AS
SELECT w.site_id, w.worker_id, d.day, w.role, w.fte, w.active
FROM worker_status_spans AS w
JOIN site_days AS d
  ON d.site_id = w.site_id
 AND d.day >= w.effective_from
 AND d.day <= coalesce(w.effective_until, DATE '9999-12-31');

CREATE TABLE daily_fte AS
SELECT site_id, role, day, sum(fte) AS fte
FROM worker_days
WHERE active
GROUP BY ALL;

CREATE TABLE workload_contacts AS
SELECT event_id AS contact_id, site_id, worker_id, worker_role AS role, mode,
       event_date AS contact_date, coalesce(duration_minutes, 0) AS duration_minutes
FROM effective_events
WHERE type = 'CONTACT'
  AND outcome = 'ATTENDED';

-- Rows exist up to the horizon (a ROLLING_28D row needs period_end <= horizon, a WEEK / MONTH row
-- period_start <= horizon): exactly the periods of day_periods. A point-in-time measure of a
-- period is taken on point_day = the earlier of its last day and the site horizon.
CREATE TABLE workload_periods AS
SELECT DISTINCT p.site_id, p.period_type, p.period_start, p.period_end,
       least(p.period_end, s.horizon) AS point_day
FROM day_periods AS p
JOIN sites AS s USING (site_id)
WHERE p.period_type IN ('WEEK', 'MONTH', 'ROLLING_28D');
