// Starts YASGUI on the query page: our endpoint only, nothing persisted, no autocompleter that calls another site, examples.
(function () {
  'use strict';
  var root = document.getElementById('yasgui');
  var configEl = document.getElementById('sparql-config');
  if (!root || !configEl || typeof window.Yasgui !== 'function') return;
  var config = JSON.parse(configEl.textContent || '{}');
  // The endpoint comes as a root-relative path: queried on the host this page was reached through, which the CSP allows.
  config.endpoint = new URL(config.endpoint, document.baseURI).href;
  var Yasgui = window.Yasgui;
  var Yasqe = Yasgui.Yasqe;

  // 'property' and 'class' ask lov.linkeddata.es; keep the ones that work offline (bundled prefixes, variables).
  var offline = ['prefixes', 'variables'];
  Yasqe.defaults.autocompleters = offline.slice();
  Yasqe.defaults.prefixCcApi = null;
  // Nothing from earlier visits (or earlier tests) comes back: YASGUI keeps tabs and results in localStorage.
  try {
    Yasgui.clearStorage && Yasgui.clearStorage();
    Yasqe.clearStorage && Yasqe.clearStorage();
    Yasgui.Yasr && Yasgui.Yasr.clearStorage && Yasgui.Yasr.clearStorage();
  } catch (e) {
    /* storage may be unavailable */
  }

  var yasgui = new Yasgui(root, {
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    copyEndpointOnNewTab: true,
    requestConfig: { endpoint: config.endpoint, method: 'POST' },
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: config.endpoint }];
      },
      keys: [],
    },
    yasqe: { value: config.initial, autocompleters: offline.slice(), prefixCcApi: null, persistenceId: null, resizeable: true, editorHeight: '320px' },
    yasr: { persistenceId: null, maxPersistentResponseSize: 0, prefixes: config.prefixes || {} },
  });
  window.jppYasgui = yasgui;

  var buttons = document.querySelectorAll('button.example');
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener('click', function () {
      var example = config.examples[Number(button.getAttribute('data-example'))];
      if (!example) return;
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      if (tab.setName) tab.setName(example.name.length > 24 ? example.name.slice(0, 24) + '…' : example.name);
      Array.prototype.forEach.call(buttons, function (b) {
        b.removeAttribute('aria-pressed');
      });
      button.setAttribute('aria-pressed', 'true');
      document.getElementById('yasgui').scrollIntoView({ block: 'start', behavior: 'smooth' });
    });
  });
})();
