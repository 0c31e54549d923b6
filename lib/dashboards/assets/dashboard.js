/*
 * guildaudit dashboard page: fetches the notebook's outputs for the form's parameters, shows
 * the run's progress meanwhile, then runs the chart loaders that came with the outputs. Those
 * are inline scripts, which the page's Content-Security-Policy allows only with this script's
 * nonce: only scripts inside text/html outputs (made by guildaudit's own chart code) get it.
 */
(function () {
  'use strict';
  var nonce = document.currentScript && document.currentScript.nonce;
  window.guildauditPlotlyUrl = '/assets/plotly.min.js';
  window.guildauditCharts = window.guildauditCharts || [];

  var outputs = document.getElementById('outputs');
  var status = document.getElementById('status');
  var form = document.querySelector('form.parameters');
  if (form) {
    var guild = form.querySelector('select[name="guild"]');
    if (guild) guild.addEventListener('change', function () { form.submit(); });
  }
  if (!outputs || !status) return;

  var finished = false;

  function show(state, text) {
    status.setAttribute('data-state', state);
    status.textContent = text;
  }

  function describe(s) {
    if (s.state === 'waiting') return 'Waiting for a free kernel…';
    if (s.state === 'running') return 'Running cell ' + s.cell + ' of ' + s.of + '…';
    return 'Starting…';
  }

  function poll() {
    if (finished) return;
    fetch(outputs.getAttribute('data-status'), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (!finished) show('running', describe(s));
        setTimeout(poll, 300);
      }, function () { setTimeout(poll, 1000); });
  }

  function runScripts(root) {
    var scripts = root.querySelectorAll('.output-html script');
    for (var i = 0; i < scripts.length; i++) {
      var old = scripts[i];
      var type = (old.getAttribute('type') || '').toLowerCase();
      if (type !== '' && type !== 'text/javascript') continue;
      var fresh = document.createElement('script');
      fresh.nonce = nonce;
      fresh.textContent = old.textContent;
      old.parentNode.replaceChild(fresh, old);
    }
  }

  fetch(outputs.getAttribute('data-render'))
    .then(function (response) {
      return response.text().then(function (html) {
        finished = true;
        outputs.innerHTML = html;
        if (response.ok) {
          runScripts(outputs);
          show('done', response.headers.get('X-Guildaudit-Cache') === 'hit' ? 'Shown from the cache.' : 'Done.');
        } else {
          show('failed', response.status >= 500 ? 'This page could not be computed.' : 'This page cannot be shown for these parameters.');
        }
      });
    })
    .catch(function (error) {
      finished = true;
      show('failed', 'The server did not answer (' + error.message + ').');
    });
  poll();
})();
