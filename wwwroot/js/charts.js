// Draws every <figure class="chart" data-chart="{json}"> (Features/Shared/_Chart.cshtml) with the vendored Apache
// ECharts (wwwroot/lib/echarts, a custom build: SVG renderer, line/bar/pie). Loaded only on pages that render a chart.
// Content-Security-Policy: no inline script or style. ECharts' SVG renderer and the rich-text tooltip write styles
// through the CSSOM (element.style), which the policy allows; the HTML tooltip would put style="" attributes into
// innerHTML, which it blocks, so tooltips are drawn inside the SVG (renderMode 'richText'). Without script the data
// table under each chart is the content; with it, it stays (screen readers, copying, print).
(function () {
    'use strict';

    if (!window.echarts) return;

    // The four-colour rule's hues (site.css --chart-red … beside .colour-*), then a default sequence.
    var root = getComputedStyle(document.documentElement);
    function token(name, fallback) {
        var v = root.getPropertyValue('--chart-' + name).trim();
        return v || fallback;
    }
    var named = {
        red: token('red', '#cf222e'),
        yellow: token('yellow', '#d4a72c'),
        blue: token('blue', '#0969da'),
        green: token('green', '#1a7f37'),
    };
    var sequence = [token('1', '#0b57d0'), token('2', '#9b1c1c'), token('3', '#1a7f37'), token('4', '#8250df'),
        token('5', '#bc4c00'), token('6', '#59636e')];
    var ink = root.getPropertyValue('--ink').trim() || '#1f2328';
    var line = root.getPropertyValue('--line').trim() || '#d0d7de';

    function colourOf(series, i) {
        return (series.colour && named[series.colour]) || sequence[i % sequence.length];
    }

    function number(v, unit) {
        if (v === null || v === undefined) return '—';
        return (unit === '%' ? v.toFixed(1) : String(v)) + (unit || '');
    }

    function option(spec, width) {
        var narrow = width < 520;
        var unit = spec.unit || '';
        var font = { color: ink, fontSize: narrow ? 11 : 12 };
        var base = {
            animation: false,
            textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
            tooltip: {
                renderMode: 'richText',
                trigger: spec.kind === 'Pie' ? 'item' : 'axis',
                confine: true,
                valueFormatter: function (v) { return number(v, unit); },
            },
            legend: {
                show: spec.series.length > 1 || spec.kind === 'Pie',
                bottom: 0,
                textStyle: font,
                itemGap: narrow ? 8 : 14,
            },
        };
        if (spec.kind === 'Pie') {
            var s = spec.series[0] || { values: [] };
            base.series = [{
                type: 'pie',
                name: s.name,
                radius: narrow ? ['30%', '60%'] : ['35%', '68%'],
                center: ['50%', '45%'],
                label: { formatter: '{b}: {c}', color: ink, fontSize: font.fontSize },
                data: spec.categories.map(function (c, i) {
                    var item = { name: c, value: s.values[i] };
                    var token = spec.categoryColours && spec.categoryColours[i];
                    item.itemStyle = { color: (token && named[token]) || sequence[i % sequence.length] };
                    return item;
                }),
            }];
            return base;
        }
        var horizontal = spec.kind === 'HorizontalBar' || spec.kind === 'StackedHorizontalBar';
        var stacked = spec.kind === 'StackedBar' || spec.kind === 'StackedHorizontalBar';
        var category = {
            type: 'category',
            data: spec.categories,
            axisLabel: { color: ink, fontSize: font.fontSize, hideOverlap: true },
            axisLine: { lineStyle: { color: line } },
            axisTick: { alignWithLabel: true },
            inverse: horizontal,
        };
        var value = {
            type: 'value',
            axisLabel: { color: ink, fontSize: font.fontSize, formatter: function (v) { return v + unit; } },
            splitLine: { lineStyle: { color: line } },
            minInterval: unit === '%' ? 0 : 1,
        };
        if (unit === '%') { value.min = 0; value.max = 100; }
        base.grid = { left: 8, right: narrow ? 8 : 16, top: 12, bottom: base.legend.show ? 36 : 8, containLabel: true };
        base.xAxis = horizontal ? value : category;
        base.yAxis = horizontal ? category : value;
        base.series = spec.series.map(function (s, i) {
            var c = colourOf(s, i);
            var item = {
                type: spec.kind === 'Line' ? 'line' : 'bar',
                name: s.name,
                data: s.values,
                itemStyle: { color: c },
                emphasis: { focus: 'series' },
            };
            if (spec.kind === 'Line') {
                item.lineStyle = { color: c, width: 2 };
                item.symbolSize = 6;
                item.connectNulls = false;
            } else {
                item.barMaxWidth = 28;
            }
            if (stacked) item.stack = 'total';
            return item;
        });
        return base;
    }

    // The SVG keeps its drawn size on screen; a viewBox lets print CSS scale it to the paper's width, sharp.
    function fitViewBox(canvas, chart) {
        var svg = canvas.querySelector('svg');
        if (svg) svg.setAttribute('viewBox', '0 0 ' + chart.getWidth() + ' ' + chart.getHeight());
    }

    function height(spec, width) {
        if (spec.kind === 'HorizontalBar' || spec.kind === 'StackedHorizontalBar') {
            return Math.max(160, 28 * spec.categories.length + (spec.series.length > 1 ? 90 : 50));
        }
        if (spec.kind === 'Pie') return width < 520 ? 300 : 320;
        return width < 520 ? 260 : 300;
    }

    function draw(figure) {
        var spec;
        try { spec = JSON.parse(figure.getAttribute('data-chart')); } catch (e) { return; }
        var canvas = figure.querySelector('.chart-canvas');
        if (!canvas || !spec || !spec.categories || spec.categories.length === 0) return;
        var width = canvas.clientWidth || figure.clientWidth || 320;
        canvas.style.height = height(spec, width) + 'px';
        var chart = window.echarts.init(canvas, null, { renderer: 'svg' });
        chart.setOption(option(spec, width));
        fitViewBox(canvas, chart);
        figure.classList.add('chart-drawn');

        var last = width;
        var resize = function () {
            var w = canvas.clientWidth;
            if (!w || w === last) return;
            var narrowChanged = (w < 520) !== (last < 520);
            last = w;
            canvas.style.height = height(spec, w) + 'px';
            if (narrowChanged) chart.setOption(option(spec, w), true);
            chart.resize();
            fitViewBox(canvas, chart);
        };
        if (window.ResizeObserver) new ResizeObserver(resize).observe(canvas);
        else window.addEventListener('resize', resize);
    }

    function ready(fn) {
        if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn);
        else fn();
    }

    ready(function () {
        document.querySelectorAll('figure.chart[data-chart]').forEach(draw);
    });
})();
