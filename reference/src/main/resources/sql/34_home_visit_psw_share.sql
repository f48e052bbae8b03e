-- =============================================================================================
-- HOME_VISIT_PSW_SHARE  (Workload; MONTH; per site, programme = arm = "*")
--   denominator attended HOME_VISIT contacts recorded by the site and dated in the month (any
--               role; a group session counts once)
--   numerator   those by a PSW (the contact's worker_role)
--   value       %
--   workers     workers of those contacts (no FTE denominator)
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

CREATE TABLE home_visits AS
SELECT p.site_id, p.period_start, p.period_end, c.contact_id, c.worker_id, c.role
FROM workload_contacts AS c
JOIN day_periods AS p ON p.site_id = c.site_id AND p.day = c.contact_date AND p.period_type = 'MONTH'
WHERE c.mode = 'HOME_VISIT';

INSERT INTO site_rows
SELECT 'HOME_VISIT_PSW_SHARE', site_id, '*', '*', 'MONTH', period_start, period_end,
       count(*) FILTER (WHERE role = 'PSW') AS numerator,
       count(*)                             AS denominator,
       period_end                           AS status_window_end
FROM home_visits
GROUP BY ALL;

INSERT INTO workload_workers
SELECT 'HOME_VISIT_PSW_SHARE', site_id, 'MONTH', period_start, period_end, count(DISTINCT worker_id)
FROM home_visits
GROUP BY ALL;
