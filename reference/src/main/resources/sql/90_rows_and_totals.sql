-- =============================================================================================
-- 90  Row omission, `*` totals, value and status
--
-- indicators.md "Common rules" (Numerator/denominator, Status) and "Precise rules / Totals and
-- periods", interfaces.md "Indicator CSV":
--   * rows whose numerator and denominator are both 0 or absent are omitted
--   * a site row is FINAL when its period and the indicator's window of every member have ended
--     on or before the site watermark (site horizon - lateness_days)
--   * `*` rows (per programme x arm) pool the members of the site rows that exist: counts
--     summed, the DAYS_TO_FIRST_CONTACT median over the pooled list; a `*` row exists when any
--     site row under it exists and is FINAL when every site row under it is
--   * value = numerator / denominator x scale (NULL when the denominator is 0), or the
--     numerator (ACTIVE_ENROLMENTS), or the median (DAYS_TO_FIRST_CONTACT)
--   * workload indicators (family WORKLOAD) are per site only: no `*` rows; their rows carry
--     `workers` (distinct workers who contributed, 0 when none), NULL for the other rows
-- The oracle publishes exact values: suppressed = false. `revision` depends on arrival order
-- and batching, which a recomputation from the final event set cannot see: it is always 0.
-- =============================================================================================

CREATE TABLE existing_site_rows AS
SELECT r.*,
       (r.period_end <= s.watermark AND r.status_window_end <= s.watermark) AS is_final
FROM site_rows AS r
JOIN sites AS s USING (site_id)
WHERE coalesce(r.numerator, 0) <> 0
   OR coalesce(r.denominator, 0) <> 0;

CREATE TABLE total_rows AS
SELECT indicator, '*' AS site_id, programme, arm, period_type, period_start, period_end,
       sum(numerator)   AS numerator,
       sum(denominator) AS denominator,
       bool_and(is_final) AS is_final
FROM existing_site_rows
SEMI JOIN indicator_values AS v ON v.indicator = existing_site_rows.indicator AND v.family = 'PERSON'
GROUP BY indicator, programme, arm, period_type, period_start, period_end;

-- Medians of site rows, and of `*` rows over the members of the site rows that exist.
CREATE TABLE row_medians AS
SELECT m.indicator, m.site_id, m.programme, m.arm, m.period_type, m.period_start, m.period_end,
       quantile_cont(m.member_value, 0.5) AS median
FROM median_members AS m
GROUP BY ALL
UNION ALL
SELECT m.indicator, '*', m.programme, m.arm, m.period_type, m.period_start, m.period_end,
       quantile_cont(m.member_value, 0.5)
FROM median_members AS m
SEMI JOIN existing_site_rows AS r
       USING (indicator, site_id, programme, arm, period_type, period_start, period_end)
GROUP BY m.indicator, m.programme, m.arm, m.period_type, m.period_start, m.period_end;

CREATE TABLE indicator_rows AS
SELECT r.indicator, r.site_id, r.programme, r.arm, r.period_type, r.period_start, r.period_end,
       r.numerator, r.denominator,
       CASE v.value_rule
           WHEN 'NUMERATOR' THEN r.numerator
           WHEN 'RATIO'     THEN r.numerator * v.scale / nullif(r.denominator, 0)
           WHEN 'MEDIAN'    THEN med.median
       END AS value,
       CASE WHEN r.is_final THEN 'FINAL' ELSE 'PROVISIONAL' END AS status,
       false AS suppressed,
       0     AS revision,
       CASE WHEN v.family = 'WORKLOAD' THEN coalesce(w.workers, 0) END AS workers
FROM (SELECT indicator, site_id, programme, arm, period_type, period_start, period_end,
             numerator, denominator, is_final
      FROM existing_site_rows
      UNION ALL
      SELECT * FROM total_rows) AS r
JOIN indicator_values AS v USING (indicator)
LEFT JOIN row_medians AS med
       USING (indicator, site_id, programme, arm, period_type, period_start, period_end)
LEFT JOIN workload_workers AS w
       ON w.indicator = r.indicator AND w.site_id = r.site_id AND w.period_type = r.period_type
      AND w.period_start = r.period_start AND w.period_end = r.period_end;
