-- =============================================================================================
-- DISENGAGED_60  (Engagement; MONTH only; arm INTERVENTION)
--   D           the period's last day, or the site horizon if earlier (a point-in-time measure
--               of the current month shows the latest known state)
--   cohort      INTERVENTION enrolments enrolled on D (d0 <= D <= end_date, paused or not) that
--               started >= 60 days before D (d0 <= D - 60)
--   window      the 60 latest non-paused days of the site up to D (paused days are not in it,
--               so a contact dated on a paused day is not in the window)
--   numerator   cohort members with no PSW contact of this enrolment on a window day (a window
--               reaching back before d0 finds none there)
--   value       %
--   status      window ends on D: FINAL when period_end (>= D) <= site watermark
-- =============================================================================================

-- Non-paused days of each site, numbered from the first calendar day.
CREATE TABLE site_open_days AS
SELECT site_id, day, row_number() OVER (PARTITION BY site_id ORDER BY day) AS open_day_no
FROM site_days
WHERE NOT paused;

-- D of each MONTH row of each site, and the first day of its 60-non-paused-day window. With
-- fewer than 60 non-paused days since the first calendar day the window reaches back before
-- any data (DATE '0001-01-01').
CREATE TABLE disengaged_month_windows AS
WITH months AS (
    SELECT DISTINCT p.site_id, p.period_start, p.period_end, least(p.period_end, s.horizon) AS d
    FROM day_periods AS p
    JOIN sites AS s USING (site_id)
    WHERE p.period_type = 'MONTH'
),
last_open_day AS (
    SELECT m.site_id, m.period_start, max(o.open_day_no) AS open_day_no
    FROM months AS m
    JOIN site_open_days AS o ON o.site_id = m.site_id AND o.day <= m.d
    GROUP BY ALL
)
SELECT m.*, coalesce(w.day, DATE '0001-01-01') AS window_start
FROM months AS m
LEFT JOIN last_open_day AS l USING (site_id, period_start)
LEFT JOIN site_open_days AS w ON w.site_id = m.site_id AND w.open_day_no = l.open_day_no - 59;

INSERT INTO site_rows
WITH cohort AS (
    SELECT w.site_id, w.period_start, w.period_end, w.d, e.enrolment_id, e.programme, e.arm,
           EXISTS (SELECT 1
                   FROM psw_contact_persons AS c
                   JOIN site_days AS sd ON sd.site_id = w.site_id AND sd.day = c.contact_date
                   WHERE c.enrolment_id = e.enrolment_id
                     AND c.contact_date BETWEEN w.window_start AND w.d
                     AND NOT sd.paused) AS engaged
    FROM disengaged_month_windows AS w
    JOIN enrolments AS e
      ON e.site_id = w.site_id
     AND e.arm = 'INTERVENTION'
     AND w.d BETWEEN e.d0 AND e.end_date
     AND e.d0 <= w.d - 60
)
SELECT 'DISENGAGED_60', site_id, programme, arm, 'MONTH', period_start, period_end,
       count(*) FILTER (WHERE NOT engaged) AS numerator,
       count(*)                            AS denominator,
       max(d)                              AS status_window_end
FROM cohort
GROUP BY ALL;
