-- =============================================================================================
-- PSW_SUPERVISED_14D  (Programme fidelity; WEEK; per site only, programme = arm = "*", no `*` row)
--   P           the week's point day: min(period_end, site horizon)
--   denominator PSWs active on P (workers of the site whose status on P is active with role PSW,
--               whatever their fte)
--   numerator   those with >= 1 SUPERVISION recorded by the site under their worker_id on days
--               P-13 .. P
--   value       %
--   workers     those PSWs with fte > 0 on P (the worker rule of the publication step; it is a
--               per-site worker indicator, published like the workload rows)
--   status      FINAL when period_end <= site watermark
-- =============================================================================================

CREATE TABLE supervised_psws AS
SELECT w.site_id, w.period_start, w.period_end, d.worker_id, d.fte,
       EXISTS (SELECT 1 FROM effective_events AS s
               WHERE s.type = 'SUPERVISION'
                 AND s.site_id = w.site_id
                 AND s.worker_id = d.worker_id
                 AND s.event_date BETWEEN w.point_day - 13 AND w.point_day) AS supervised
FROM workload_periods AS w
JOIN worker_days AS d ON d.site_id = w.site_id AND d.day = w.point_day
WHERE w.period_type = 'WEEK'
  AND d.active
  AND d.role = 'PSW';

INSERT INTO site_rows
SELECT 'PSW_SUPERVISED_14D', site_id, '*', '*', 'WEEK', period_start, period_end,
       count(*) FILTER (WHERE supervised) AS numerator,
       count(*)                           AS denominator,
       period_end                         AS status_window_end
FROM supervised_psws
GROUP BY ALL;

INSERT INTO workload_workers
SELECT 'PSW_SUPERVISED_14D', site_id, 'WEEK', period_start, period_end, count(*) FILTER (WHERE fte > 0)
FROM supervised_psws
GROUP BY ALL;
