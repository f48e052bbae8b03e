/*
 * PeerPulse dashboard: reads GET /v1/indicators (the query API) and draws, per programme, one
 * chart per indicator with a series per site and the programme total (site "*"). Plain script, no
 * build step; Chart.js comes from the app's own server.
 *
 * For tests and scripts, every chart container carries what was drawn:
 *   data-indicator, data-series (site series), data-points (plotted values: rows with a value),
 *   data-provisional (plotted values that are PROVISIONAL), data-suppressed (suppressed markers),
 *   data-labels (x positions); every table container data-rows. <body> carries data-state
 *   (loading | ready | updating | error) and data-refreshes (successful refreshes so far).
 */
'use strict';

(function () {
  const POLL_MS = 5000;
  const TOTAL = '*';
  /** DAY and ROLLING_28D have one row per day: without a start date the page shows this many days. */
  const DEFAULT_DAILY_WINDOW_DAYS = 120;
  const PHASES = ['PHASE1_CONTACT_RATE', 'PHASE2_CONTACT_RATE', 'PHASE3_CONTACT_RATE'];
  const DAYS_PER_MONTH = 30.4375;
  /** Okabe–Ito colours (distinguishable with colour-blindness); the total is drawn in near-black. */
  const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D1F', '#7A7A7A', '#A6761D', '#1B9E77'];
  const TOTAL_COLOUR = '#111111';
  const SUPPRESSED_COLOUR = '#6b6b6b';
  const PHASE_COLOURS = ['#08519c', '#3182bd', '#6baed6'];

  const $ = (id) => document.getElementById(id);

  const state = {
    programme: null,
    arm: null,
    periodType: 'MONTH',
    sites: null, // null: every site and the total
    from: '',
    to: '',
    tables: false,
  };
  let catalogue = null; // {indicators: [...]} from /dashboard/catalogue.json
  let data = null; // the last answer: {rows, workloadRows, phaseRows}
  let dataSignature = '';
  let knownSites = []; // every site of the programme, sorted (colours stay put when the selection changes)
  let timer = null;
  let generation = 0; // a selection change makes answers of older requests stale
  const charts = new Map(); // chart key -> Chart

  // ---------------------------------------------------------------- start

  document.addEventListener('DOMContentLoaded', start);

  async function start() {
    if (typeof Chart === 'undefined') {
      fail('The charting library did not load (Chart.js from /webjars). Reload the page; if it persists, the server build is incomplete.');
      return;
    }
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    try {
      catalogue = await getJson('/dashboard/catalogue.json');
    } catch (e) {
      fail('Cannot read the indicator catalogue: ' + e.message);
      return;
    }
    state.programme = programmeFromUrl();
    if (state.programme === null) {
      showPicker();
    } else {
      showDashboard();
    }
  }

  function programmeFromUrl() {
    const path = location.pathname;
    if (path.startsWith('/programme/') && path.length > '/programme/'.length) {
      return decodeURIComponent(path.substring('/programme/'.length));
    }
    const query = new URLSearchParams(location.search).get('programme');
    return query ? query : null;
  }

  function programmeUrl(programme) {
    return '/programme/' + encodeURIComponent(programme);
  }

  // ---------------------------------------------------------------- picker (GET /)

  /**
   * The programmes in the query API with their arms and latest month: every enrolment gives
   * ACTIVE_ENROLMENTS rows, and every programme × arm has a total row.
   */
  async function programmeSummaries() {
    const answer = await getJson(api({indicator: 'ACTIVE_ENROLMENTS', site: TOTAL, period_type: 'MONTH'}));
    const byProgramme = groupBy(answer.rows.filter((r) => r.programme !== TOTAL), (r) => r.programme);
    return [...byProgramme.keys()].sort().map((programme) => ({
      programme,
      arms: uniqueSorted(byProgramme.get(programme).map((r) => r.arm)),
      latest: uniqueSorted(byProgramme.get(programme).map((r) => r.period_start)).pop().substring(0, 7),
    }));
  }

  async function showPicker() {
    $('picker').hidden = false;
    document.title = 'PeerPulse dashboard';
    let programmes;
    try {
      programmes = await programmeSummaries();
    } catch (e) {
      retryLater(showPicker, e);
      return;
    }
    if (programmes.length === 1) {
      location.replace(programmeUrl(programmes[0].programme));
      return;
    }
    $('programmes').replaceChildren(...programmes.map((p) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = programmeUrl(p.programme);
      link.textContent = p.programme;
      const about = document.createElement('span');
      about.className = 'about';
      about.textContent = ' · arms ' + p.arms.join(', ') + ' · latest month ' + p.latest;
      item.append(link, about);
      return item;
    }));
    document.body.dataset.state = 'ready';
    if (programmes.length === 0) {
      $('picker-note').textContent = 'No indicators yet: the page checks again every few seconds.';
      setStatus('waiting for the first indicator values…');
      timer = setTimeout(showPicker, POLL_MS);
    } else {
      $('picker-note').textContent = 'Choose a programme to see its indicators per site.';
      setStatus(programmes.length + ' programmes');
    }
  }

  /** Links to the other programmes in the header; best effort (the page works without them). */
  async function showOtherProgrammes() {
    try {
      const others = (await programmeSummaries()).filter((p) => p.programme !== state.programme);
      $('other-programmes').replaceChildren(...others.map((p) => {
        const link = document.createElement('a');
        link.href = programmeUrl(p.programme);
        link.textContent = p.programme;
        return link;
      }));
      $('other-programmes').hidden = others.length === 0;
    } catch (ignored) {
      // the next visit shows them
    }
  }

  // ---------------------------------------------------------------- dashboard

  function showDashboard() {
    readSelectionFromUrl();
    $('dashboard').hidden = false;
    $('programme-title').textContent = '· ' + state.programme;
    document.title = state.programme + ' · PeerPulse dashboard';
    $('period-type').value = state.periodType;
    $('from').value = state.from;
    $('to').value = state.to;
    applyView();
    showOtherProgrammes();
    $('period-type').addEventListener('change', () => {
      state.periodType = $('period-type').value;
      if (state.periodType === 'MONTH' || state.periodType === 'WEEK') {
        state.from = '';
        $('from').value = '';
      }
      selectionChanged(true);
    });
    $('from').addEventListener('change', () => { state.from = $('from').value; selectionChanged(true); });
    $('to').addEventListener('change', () => { state.to = $('to').value; selectionChanged(true); });
    $('arm').addEventListener('change', () => { state.arm = $('arm').value; selectionChanged(false); });
    $('view-toggle').addEventListener('click', () => { state.tables = !state.tables; applyView(); writeSelectionToUrl(); });
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && timer === null) {
        refresh();
      }
    });
    refresh();
  }

  function readSelectionFromUrl() {
    const query = new URLSearchParams(location.search);
    const periodType = query.get('period_type');
    if (periodType && catalogue.periodTypes.includes(periodType)) {
      state.periodType = periodType;
    }
    state.arm = query.get('arm') || null;
    state.from = validDate(query.get('from'));
    state.to = validDate(query.get('to'));
    const sites = query.get('sites');
    state.sites = sites ? new Set(sites.split(',').filter((s) => s.length > 0)) : null;
    state.tables = query.get('view') === 'table';
  }

  function validDate(text) {
    return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : '';
  }

  /** The selection goes into the address, so a reload or a shared link shows the same. */
  function writeSelectionToUrl() {
    const query = new URLSearchParams();
    if (location.pathname === '/' || !location.pathname.startsWith('/programme/')) {
      query.set('programme', state.programme);
    }
    if (state.periodType !== 'MONTH') query.set('period_type', state.periodType);
    if (state.arm) query.set('arm', state.arm);
    if (state.from) query.set('from', state.from);
    if (state.to) query.set('to', state.to);
    if (state.sites !== null) query.set('sites', [...state.sites].join(','));
    if (state.tables) query.set('view', 'table');
    const text = query.toString();
    history.replaceState(null, '', location.pathname + (text ? '?' + text : ''));
  }

  function selectionChanged(refetch) {
    writeSelectionToUrl();
    updateCsvLink();
    if (refetch) {
      refresh();
    } else {
      render();
    }
  }

  function applyView() {
    const button = $('view-toggle');
    button.textContent = state.tables ? 'Show charts' : 'Show tables';
    button.setAttribute('aria-pressed', String(state.tables));
    document.querySelectorAll('.chart-box').forEach((box) => { box.hidden = state.tables; });
    document.querySelectorAll('.table-box').forEach((box) => { box.hidden = !state.tables; });
  }

  // ---------------------------------------------------------------- fetching

  function api(parameters) {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
      if (value !== null && value !== undefined && value !== '') query.set(name, value);
    }
    return '/v1/indicators?' + query.toString();
  }

  class Unavailable extends Error {
    constructor(seconds) {
      super('the indicator stores are being rebalanced');
      this.seconds = seconds;
    }
  }

  async function getJson(url) {
    const response = await fetch(url, {headers: {Accept: 'application/json'}, cache: 'no-store'});
    if (response.status === 503) {
      const seconds = Number.parseInt(response.headers.get('Retry-After') || '', 10);
      throw new Unavailable(Number.isFinite(seconds) ? Math.min(Math.max(seconds, 1), 30) : 2);
    }
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try {
        const body = await response.json();
        if (body.error) message = body.error + (body.parameter ? ' (parameter ' + body.parameter + ')' : '');
      } catch (ignored) {
        // not JSON: keep the status
      }
      throw new Error(message);
    }
    return response.json();
  }

  function retryLater(again, error) {
    clearTimeout(timer);
    if (error instanceof Unavailable) {
      setStatus('updating… (' + error.message + '; retrying in ' + error.seconds + ' s)', true);
      document.body.dataset.state = 'updating';
      timer = setTimeout(again, error.seconds * 1000);
    } else {
      setStatus('cannot read the indicators: ' + error.message + ' (retrying)', true);
      document.body.dataset.state = 'error';
      timer = setTimeout(again, POLL_MS);
    }
  }

  async function refresh() {
    clearTimeout(timer);
    timer = null;
    const mine = ++generation;
    try {
      await defaultDailyWindow();
      const range = {from: state.from, to: state.to};
      const requests = [
        getJson(api({programme: state.programme, period_type: state.periodType, ...range})),
        // Workload and supervision rows belong to no programme (programme = arm = "*").
        getJson(api({programme: TOTAL, period_type: state.periodType, ...range})),
      ];
      if (state.periodType !== 'MONTH') {
        // Phase rates exist for MONTH only (the enrolment's start month).
        PHASES.forEach((id) => requests.push(getJson(api({indicator: id, programme: state.programme, period_type: 'MONTH', ...range}))));
      }
      const answers = await Promise.all(requests);
      if (mine !== generation) return;
      const rows = answers[0].rows;
      data = {
        rows: rows,
        workloadRows: answers[1].rows,
        phaseRows: state.periodType === 'MONTH'
          ? rows.filter((r) => PHASES.includes(r.indicator))
          : answers.slice(2).flatMap((a) => a.rows),
      };
      const signature = JSON.stringify([state.periodType, rows, answers[1].rows, data.phaseRows.length]);
      const changed = signature !== dataSignature;
      dataSignature = signature;
      if (changed) {
        render();
      }
      document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes) + 1);
      document.body.dataset.state = 'ready';
      setStatus('live · ' + rows.length + ' rows · updated ' + new Date().toLocaleTimeString());
      if (!document.hidden) {
        timer = setTimeout(refresh, POLL_MS);
      }
    } catch (e) {
      if (mine === generation) retryLater(refresh, e);
    }
  }

  /** For DAY and ROLLING_28D without a start date: the last DEFAULT_DAILY_WINDOW_DAYS days with data. */
  async function defaultDailyWindow() {
    if (state.from || (state.periodType !== 'DAY' && state.periodType !== 'ROLLING_28D')) return;
    const answer = await getJson(api({indicator: 'ACTIVE_ENROLMENTS', site: TOTAL, programme: state.programme, period_type: 'MONTH'}));
    const latest = answer.rows.map((r) => r.period_end).sort().pop();
    if (!latest) return;
    const start = new Date(latest + 'T00:00:00Z');
    start.setUTCDate(start.getUTCDate() - DEFAULT_DAILY_WINDOW_DAYS + 1);
    state.from = start.toISOString().substring(0, 10);
    $('from').value = state.from;
    writeSelectionToUrl();
    updateCsvLink();
  }

  // ---------------------------------------------------------------- rendering

  function render() {
    if (data === null) return;
    const programmeSites = uniqueSorted(data.rows.map((r) => r.site_id).filter((s) => s !== TOTAL));
    knownSites = uniqueSorted([...knownSites, ...programmeSites]);
    const arms = uniqueSorted(data.rows.map((r) => r.arm).filter((a) => a !== TOTAL));
    renderSiteChoices(programmeSites, data.rows.some((r) => r.site_id === TOTAL));
    renderArmChoices(arms);
    updateCsvLink();

    const shown = (row) => state.sites === null || state.sites.has(row.site_id);
    const personRows = data.rows.filter((r) => r.arm === state.arm && shown(r));
    // Workload rows of the sites that work in this programme.
    const workloadRows = data.workloadRows.filter((r) => programmeSites.includes(r.site_id) && shown(r));
    const byIndicator = groupBy([...personRows, ...workloadRows], (r) => r.indicator);

    buildSkeleton();
    let shownCount = 0;
    for (const entry of catalogue.indicators) {
      const rows = byIndicator.get(entry.id) || [];
      const article = document.getElementById('indicator-' + entry.id);
      article.hidden = rows.length === 0;
      if (rows.length > 0) {
        shownCount += 1;
        drawIndicator(entry, rows, article);
      }
    }
    document.querySelectorAll('#indicators > section').forEach((section) => {
      section.hidden = section.querySelector('article.indicator:not([hidden])') === null;
    });
    $('empty').hidden = shownCount > 0;

    const phaseRows = data.phaseRows.filter((r) => r.arm === state.arm && shown(r));
    drawPhases(phaseRows);
    applyView();
  }

  /**
   * One card per catalogue indicator, built once and then only shown, hidden and updated: moving
   * a chart's canvas in the document would detach the chart (Chart.js watches for that).
   */
  function buildSkeleton() {
    const container = $('indicators');
    if (container.childElementCount > 0) return;
    const sections = new Map();
    for (const entry of catalogue.indicators) {
      let grid = sections.get(entry.section);
      if (!grid) {
        const section = document.createElement('section');
        section.hidden = true;
        const heading = document.createElement('h2');
        heading.textContent = entry.section;
        grid = document.createElement('div');
        grid.className = 'section-grid';
        section.append(heading, grid);
        container.append(section);
        sections.set(entry.section, grid);
      }
      grid.append(indicatorElement(entry));
    }
  }

  function indicatorElement(entry) {
    const article = document.createElement('article');
    article.className = 'indicator';
    article.id = 'indicator-' + entry.id;
    article.hidden = true;
    const heading = document.createElement('h3');
    heading.id = 'heading-' + entry.id;
    heading.textContent = entry.title;
    const sub = document.createElement('p');
    sub.className = 'sub';
    sub.textContent = entry.id + ' · ' + entry.unit + (entry.perSite ? ' · per site, all programmes' : '');
    const chartBox = document.createElement('div');
    chartBox.className = 'chart-box';
    chartBox.dataset.chart = entry.id;
    chartBox.dataset.indicator = entry.id;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    chartBox.append(canvas);
    const tableBox = document.createElement('div');
    tableBox.className = 'table-box';
    tableBox.dataset.indicator = entry.id;
    article.setAttribute('aria-labelledby', heading.id);
    article.append(heading, sub, chartBox, tableBox);
    return article;
  }

  function renderSiteChoices(sites, hasTotal) {
    const box = $('sites');
    const choices = [...sites, ...(hasTotal ? [TOTAL] : [])];
    const current = [...box.querySelectorAll('input')].map((i) => i.value).join(',');
    if (current === choices.join(',')) {
      box.querySelectorAll('input').forEach((i) => { i.checked = state.sites === null || state.sites.has(i.value); });
      return;
    }
    box.replaceChildren(...choices.map((site) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.value = site;
      input.name = 'site';
      input.checked = state.sites === null || state.sites.has(site);
      input.addEventListener('change', () => {
        const checked = [...box.querySelectorAll('input')].filter((i) => i.checked).map((i) => i.value);
        state.sites = checked.length === choices.length ? null : new Set(checked);
        selectionChanged(false);
      });
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = colour(site);
      swatch.setAttribute('aria-hidden', 'true');
      label.append(input, ' ', swatch, siteName(site));
      return label;
    }));
  }

  function renderArmChoices(arms) {
    if (!arms.includes(state.arm)) {
      state.arm = arms.includes('INTERVENTION') ? 'INTERVENTION' : (arms[0] || null);
    }
    const select = $('arm');
    const current = [...select.options].map((o) => o.value).join(',');
    if (current !== arms.join(',')) {
      select.replaceChildren(...arms.map((arm) => new Option(arm.charAt(0) + arm.substring(1).toLowerCase(), arm)));
    }
    select.value = state.arm || '';
    select.disabled = arms.length < 2;
  }

  function updateCsvLink() {
    const link = $('csv-link');
    link.href = api({format: 'csv', programme: state.programme, arm: state.arm, period_type: state.periodType,
      from: state.from, to: state.to});
    link.setAttribute('download', ['peerpulse', state.programme, state.arm, state.periodType].filter(Boolean).join('-') + '.csv');
  }

  // ---------------------------------------------------------------- one indicator

  function drawIndicator(entry, rows, article) {
    const xOf = (row) => (state.periodType === 'ROLLING_28D' ? row.period_end : row.period_start);
    const labels = uniqueSorted(rows.map(xOf));
    const sites = orderSites(uniqueSorted(rows.map((r) => r.site_id)));
    const series = [];
    const suppressed = [];
    sites.forEach((site) => {
      const bySlot = new Map(rows.filter((r) => r.site_id === site).map((r) => [xOf(r), r]));
      const slots = labels.map((label) => bySlot.get(label) || null);
      const values = slots.map((row) => (row !== null && row.value !== null ? row.value : null));
      slots.forEach((row, index) => {
        if (row !== null && row.suppressed && row.value === null) {
          // In a strip of its own above the values, one line per site: never a value that could read as 0.
          suppressed.push({x: periodLabel(labels[index]), y: siteName(site), row});
        }
      });
      const siteColour = colour(site);
      series.push({
        label: siteName(site),
        data: values,
        rows: slots,
        borderColor: siteColour,
        backgroundColor: siteColour,
        borderWidth: site === TOTAL ? 3 : 2,
        order: site === TOTAL ? 0 : 1, // the total drawn over the sites
        pointRadius: slots.map((row) => (row !== null && row.value !== null ? 3.5 : 0)),
        pointHoverRadius: 6,
        pointBorderWidth: 2,
        pointBorderColor: siteColour,
        pointBackgroundColor: slots.map((row) => (row !== null && row.status === 'PROVISIONAL' ? '#ffffff' : siteColour)),
        segment: {
          borderDash: (ctx) => (isProvisional(slots[ctx.p1DataIndex]) ? [6, 4] : undefined),
        },
        spanGaps: false,
        tension: 0,
        clip: 8, // a point on the axis' edge (100 %) is drawn whole
      });
    });
    const datasets = [...series];
    if (suppressed.length > 0) {
      datasets.push({
        label: 'suppressed',
        order: 0,
        data: suppressed,
        yAxisID: 'suppressed',
        showLine: false,
        pointStyle: 'crossRot',
        pointRadius: 6,
        pointHoverRadius: 8,
        pointBorderWidth: 2,
        borderColor: SUPPRESSED_COLOUR,
        backgroundColor: SUPPRESSED_COLOUR,
        pointBorderColor: suppressed.map((marker) => colour(marker.row.site_id)),
      });
    }

    const chartBox = article.querySelector('.chart-box');
    const canvas = chartBox.querySelector('canvas');
    let chart = charts.get(entry.id);
    if (!chart) {
      chart = new Chart(canvas, lineOptions(entry));
      charts.set(entry.id, chart);
    }
    chart.data.labels = labels.map((label) => periodLabel(label));
    chart.data.datasets = datasets;
    const maxValue = Math.max(0, ...series.flatMap((dataset) => dataset.data.filter((v) => v !== null)));
    chart.options.scales = scales(entry, uniqueSorted(suppressed.map((marker) => marker.y)), maxValue);
    chart.update('none');

    // What was drawn, counted from Chart.js's own layout (a skipped point is a gap).
    const plotted = series.map((dataset, index) => chart.getDatasetMeta(index).data
      .filter((point, slot) => !point.skip && dataset.data[slot] !== null));
    const points = plotted.reduce((sum, list) => sum + list.length, 0);
    const provisional = series.reduce((sum, dataset) => sum + dataset.rows
      .filter((row) => row !== null && row.value !== null && row.status === 'PROVISIONAL').length, 0);
    chartBox.dataset.series = String(series.length);
    chartBox.dataset.points = String(points);
    chartBox.dataset.provisional = String(provisional);
    chartBox.dataset.suppressed = String(suppressed.length);
    chartBox.dataset.labels = String(labels.length);
    canvas.setAttribute('aria-label', entry.title + ' (' + entry.unit + ') by ' + periodName() + ' for '
      + sites.map(siteName).join(', ') + ': ' + points + ' values, ' + provisional + ' provisional, '
      + suppressed.length + ' suppressed. The table view lists every value.');

    fillTable(article.querySelector('.table-box'), entry, rows, xOf);
  }

  function lineOptions(entry) {
    return {
      type: 'line',
      data: {labels: [], datasets: []},
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: {mode: 'index', intersect: false},
        scales: scales(entry, [], 0),
        plugins: {
          legend: {
            position: 'bottom',
            // Sites in name order, the total and the suppressed markers last (dataset order, not drawing order).
            labels: {usePointStyle: true, boxWidth: 8, boxHeight: 8, generateLabels: legendLabels,
              sort: (a, b) => a.datasetIndex - b.datasetIndex},
          },
          tooltip: {
            itemSort: (a, b) => a.datasetIndex - b.datasetIndex,
            filter: (item) => item.raw !== null && item.raw !== undefined,
            callbacks: {
              label: (item) => tooltipLines(item, entry),
            },
          },
        },
      },
    };
  }

  /**
   * The value axis, and above it, when cells are suppressed, a strip with a line per site that has
   * suppressed cells (Chart.js stacks the two y scales: the strip takes its own share of the height).
   */
  function scales(entry, suppressedSites, maxValue) {
    const result = {
      x: {ticks: {maxRotation: 0, autoSkip: true, autoSkipPadding: 12}},
      // Values get some head room, except percentages near 100, whose natural ceiling is 100 (not 120).
      y: entry.unit === '%' && maxValue > 90 && maxValue <= 100
        ? {beginAtZero: true, max: 100, title: {display: true, text: entry.unit}}
        : {beginAtZero: true, grace: '8%', title: {display: true, text: entry.unit}},
    };
    if (suppressedSites.length > 0) {
      result.y.stack = 'value';
      result.y.stackWeight = 5;
      // An empty band between the two, so the top value tick and the strip's labels never touch.
      result.gap = {type: 'linear', axis: 'y', position: 'left', stack: 'value', stackWeight: 0.25,
        ticks: {display: false}, grid: {display: false}, border: {display: false}};
      result.suppressed = {
        type: 'category',
        axis: 'y',
        position: 'left',
        labels: suppressedSites,
        offset: true,
        stack: 'value',
        stackWeight: Math.min(0.8 * suppressedSites.length, 3),
        grid: {display: false},
        border: {dash: [2, 3]},
        ticks: {font: {size: 10}, color: SUPPRESSED_COLOUR, padding: 2, autoSkip: false},
      };
    }
    return result;
  }

  /** The default legend, with the suppressed markers' entry in grey (its markers take their site's colour). */
  function legendLabels(chart) {
    const items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
    for (const item of items) {
      const dataset = chart.data.datasets[item.datasetIndex];
      item.fillStyle = dataset.borderColor; // not the first point's fill, which is white when it is provisional
      if (dataset.label === 'suppressed') {
        item.strokeStyle = SUPPRESSED_COLOUR;
        item.fillStyle = SUPPRESSED_COLOUR;
        item.text = 'suppressed (not zero)';
      }
    }
    return items;
  }

  function tooltipLines(item, entry) {
    const row = item.dataset.label === 'suppressed' ? item.raw.row : item.dataset.rows[item.dataIndex];
    if (!row) return '';
    const site = siteName(row.site_id);
    const counts = 'numerator ' + shownNumber(row.numerator, row) + ', denominator ' + shownNumber(row.denominator, row);
    const status = row.status.toLowerCase() + (row.revision > 0 ? ', revision ' + row.revision : ', revision 0');
    if (row.value === null) {
      return [site + ': ' + (row.suppressed ? 'suppressed (small numbers)' : 'no value (denominator 0)'), '  ' + counts + ' · ' + status];
    }
    return [site + ': ' + formatNumber(row.value) + ' ' + entry.unit + (row.suppressed ? ' (partly suppressed)' : ''),
      '  ' + counts + ' · ' + status];
  }

  /** The rows of one chart as a table; phase: with a Phase column (the phase chart's rows). */
  function fillTable(box, entry, rows, xOf, phase) {
    const table = document.createElement('table');
    const caption = document.createElement('caption');
    caption.textContent = entry.title + ' (' + entry.unit + '), ' + state.arm + ', by ' + periodName();
    table.append(caption);
    const head = table.createTHead().insertRow();
    ['Site', ...(phase ? ['Phase'] : []), 'Period', 'Numerator', 'Denominator', 'Value', 'Status', 'Revision'].forEach((name) => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      head.append(th);
    });
    const body = table.createTBody();
    const sorted = [...rows].sort((a, b) => compareSites(a.site_id, b.site_id) || (phase ? a.indicator.localeCompare(b.indicator) : 0)
      || xOf(a).localeCompare(xOf(b)));
    for (const row of sorted) {
      const tr = body.insertRow();
      tr.dataset.site = row.site_id;
      addCell(tr, siteName(row.site_id));
      if (phase) addCell(tr, row.indicator.charAt(5));
      addCell(tr, periodLabel(xOf(row)));
      addCell(tr, shownNumber(row.numerator, row), row.suppressed && row.numerator === null);
      addCell(tr, shownNumber(row.denominator, row), row.suppressed && row.denominator === null);
      addCell(tr, row.value === null ? (row.suppressed ? 'suppressed' : '—') : formatNumber(row.value), row.suppressed && row.value === null);
      const status = addCell(tr, row.status.toLowerCase());
      if (row.status === 'PROVISIONAL') status.classList.add('provisional');
      addCell(tr, String(row.revision));
    }
    box.replaceChildren(table);
    box.dataset.rows = String(rows.length);
  }

  function addCell(tr, text, suppressed) {
    const td = tr.insertCell();
    td.textContent = text;
    if (suppressed) td.classList.add('suppressed');
    return td;
  }

  // ---------------------------------------------------------------- phase chart (CTI taper)

  /**
   * Per site, the three phase rates pooled over the start months shown: sum of published
   * numerators over sum of person-days (per person-month), over the FINAL months where there are
   * any (a settled picture), else over the provisional ones (then the bar is hatched). Suppressed
   * months cannot be pooled and are left out (the note says how many).
   */
  function drawPhases(rows) {
    const section = $('phases');
    if (rows.length === 0) {
      section.hidden = true;
      const old = charts.get('PHASES');
      if (old) { old.destroy(); charts.delete('PHASES'); }
      return;
    }
    section.hidden = false;
    const sites = orderSites(uniqueSorted(rows.map((r) => r.site_id)));
    const pooled = PHASES.map((phase) => sites.map((site) => pool(rows.filter((r) => r.indicator === phase && r.site_id === site))));
    const datasets = PHASES.map((phase, index) => ({
      label: 'Phase ' + (index + 1) + ' (months ' + (3 * index + 1) + '–' + (3 * index + 3) + ')',
      data: pooled[index].map((p) => p.value),
      pools: pooled[index],
      backgroundColor: pooled[index].map((p) => (p.provisional ? hatched(PHASE_COLOURS[index]) : PHASE_COLOURS[index])),
      borderColor: PHASE_COLOURS[index],
      borderWidth: 1.5,
    }));
    let chart = charts.get('PHASES');
    if (!chart) {
      chart = new Chart($('phase-chart'), {
        type: 'bar',
        data: {labels: [], datasets: []},
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {y: {beginAtZero: true, title: {display: true, text: 'contacts per person-month'}}},
          plugins: {
            legend: {position: 'bottom'},
            tooltip: {callbacks: {label: (item) => phaseTooltip(item)}},
          },
        },
      });
      charts.set('PHASES', chart);
    }
    chart.data.labels = sites.map(siteName);
    chart.data.datasets = datasets;
    chart.update('none');

    const bars = datasets.reduce((sum, dataset, index) => sum + chart.getDatasetMeta(index).data
      .filter((bar, slot) => dataset.data[slot] !== null).length, 0);
    const suppressedMonths = pooled.flat().reduce((sum, p) => sum + p.suppressed, 0);
    const provisionalBars = pooled.flat().filter((p) => p.value !== null && p.provisional).length;
    const box = $('phase-chart-box');
    box.dataset.series = String(datasets.length);
    box.dataset.points = String(bars);
    box.dataset.provisional = String(provisionalBars);
    box.dataset.suppressed = String(suppressedMonths);
    box.dataset.labels = String(sites.length);
    $('phase-chart').setAttribute('aria-label', 'Contacts per person-month in phases 1, 2 and 3 for '
      + sites.map(siteName).join(', ') + '; the table view lists the monthly values.');
    $('phases-note').textContent = 'Attended contacts per person-month in each three-month phase of enrolment, pooled over the '
      + 'start months shown' + (state.from || state.to ? ' (' + (state.from || '…') + ' to ' + (state.to || '…') + ')' : '')
      + ', FINAL months only where a site has any. CTI fidelity expects phase 1 > phase 2 > phase 3. Hatched bars: '
      + 'no final month yet, provisional months only.'
      + (suppressedMonths > 0 ? ' ' + suppressedMonths + ' suppressed site-months are not included.' : '');

    fillTable(section.querySelector('.table-box'), {title: 'Phase contact rates by start month', unit: 'per person-month'},
      rows, (row) => row.period_start, true);
  }

  function pool(rows) {
    const usable = rows.filter((r) => !r.suppressed && r.numerator !== null && r.denominator !== null);
    const final = usable.filter((r) => r.status === 'FINAL');
    const pooled = final.length > 0 ? final : usable;
    const numerator = pooled.reduce((sum, r) => sum + r.numerator, 0);
    const personDays = pooled.reduce((sum, r) => sum + r.denominator, 0);
    return {
      value: personDays > 0 ? numerator / (personDays / DAYS_PER_MONTH) : null,
      numerator,
      personDays,
      months: pooled.length,
      provisional: final.length === 0 && pooled.length > 0,
      suppressed: rows.filter((r) => r.suppressed).length,
    };
  }

  /** A diagonal hatch in the colour: marks a bar of provisional values only. */
  function hatched(colour) {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const pen = tile.getContext('2d');
    pen.fillStyle = colour + '33';
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = colour;
    pen.lineWidth = 2;
    pen.beginPath();
    pen.moveTo(0, 8);
    pen.lineTo(8, 0);
    pen.stroke();
    return pen.createPattern(tile, 'repeat');
  }

  function phaseTooltip(item) {
    const p = item.dataset.pools[item.dataIndex];
    if (p.value === null) return item.dataset.label + ': no value (' + p.suppressed + ' suppressed months)';
    return [item.dataset.label + ': ' + formatNumber(p.value) + ' per person-month',
      '  ' + formatNumber(p.numerator) + ' contacts / ' + formatNumber(p.personDays) + ' person-days over ' + p.months
        + (p.provisional ? ' provisional' : ' final') + ' start months; ' + p.suppressed + ' suppressed left out'];
  }

  // ---------------------------------------------------------------- helpers

  function isProvisional(row) {
    return row !== null && row !== undefined && row.status === 'PROVISIONAL';
  }

  function shownNumber(number, row) {
    if (number !== null) return formatNumber(number);
    return row.suppressed ? 'suppressed' : '—';
  }

  function formatNumber(number) {
    if (Number.isInteger(number)) return String(number);
    return number.toLocaleString('en', {maximumFractionDigits: 2});
  }

  function periodLabel(date) {
    return state.periodType === 'MONTH' ? date.substring(0, 7) : date;
  }

  function periodName() {
    return {MONTH: 'month', WEEK: 'week', DAY: 'day', ROLLING_28D: '28 days ending on the day'}[state.periodType];
  }

  function siteName(site) {
    return site === TOTAL ? 'All sites' : site;
  }

  function colour(site) {
    if (site === TOTAL) return TOTAL_COLOUR;
    const index = knownSites.indexOf(site);
    return PALETTE[(index < 0 ? 0 : index) % PALETTE.length];
  }

  /** Sites in name order, the total last (drawn on top). */
  function orderSites(sites) {
    return [...sites].sort(compareSites);
  }

  function compareSites(a, b) {
    if (a === b) return 0;
    if (a === TOTAL) return 1;
    if (b === TOTAL) return -1;
    return a.localeCompare(b);
  }

  function uniqueSorted(values) {
    return [...new Set(values)].sort();
  }

  function groupBy(items, key) {
    const groups = new Map();
    for (const item of items) {
      const k = key(item);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(item);
    }
    return groups;
  }

  function setStatus(text, warning) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('warning', Boolean(warning));
  }

  function fail(message) {
    setStatus(message, true);
    document.body.dataset.state = 'error';
  }
}());
