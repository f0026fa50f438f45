/*
 * The query page of `kg serve`: YASGUI (vendored in static/yasgui/) over this endpoint.
 *
 * What the page needs comes from the server in the JSON block #kg-query-page: the endpoint's
 * URL, the project's prefixes, the terms the graph uses (for completion), the named queries
 * and an example. Nothing is fetched from anywhere else: YASQE's own class and property
 * completers ask Linked Open Vocabularies (lov.linkeddata.es) and are replaced here by the
 * graph's terms; its prefix completer gets the project's prefixes instead of its bundled list;
 * no link shortener is configured. The page's Content-Security-Policy (connect-src 'self')
 * blocks any other request a library might still try.
 */
(function () {
  "use strict";
  var page = JSON.parse(document.getElementById("kg-query-page").textContent);
  var endpoint = new URL(page.endpoint, window.location.href).href;
  var Yasqe = window.Yasgui.Yasqe;

  // The endpoint knows the project's prefixes, so the editor does too: its SPARQL mode starts
  // every query with them declared (no "Prefix 'ap' is not defined"), and completion expands
  // them. A query's own PREFIX lines still win, as on the endpoint.
  var sparql11 = Yasqe.modes.sparql11;
  Yasqe.defineMode("sparql11", function (config, modeConfig) {
    var mode = sparql11(config, modeConfig);
    var startState = mode.startState;
    mode.startState = function () {
      var state = startState.apply(this, arguments);
      state.prefixes = Object.assign({}, page.prefixes);
      return state;
    };
    return mode;
  });

  // Completion from local lists. A list given as `get` is filtered by what was typed (YASQE
  // expands a declared prefix first and writes the answer back as a prefixed name).
  function fromList(name, list) {
    var completer = Object.assign({}, Yasqe.Autocompleters[name], { get: list });
    Yasqe.registerAutocompleter(completer);
  }
  fromList(
    "prefixes",
    Object.keys(page.prefixes).map(function (prefix) {
      return prefix + ": <" + page.prefixes[prefix] + ">";
    })
  );
  fromList("class", page.classes);
  fromList("property", page.properties);

  // The results table writes an IRI with the first prefix whose namespace starts it: the
  // longest first, as kg writes them (format:us-russia-talks, not id:format/us-russia-talks).
  function longestFirst(prefixes) {
    var sorted = {};
    Object.keys(prefixes)
      .sort(function (a, b) {
        return prefixes[b].length - prefixes[a].length;
      })
      .forEach(function (prefix) {
        sorted[prefix] = prefixes[prefix];
      });
    return sorted;
  }

  var yasgui = new window.Yasgui(document.getElementById("yasgui"), {
    // Tabs and answers are kept in the browser's storage, per endpoint.
    persistenceId: "kg-query-page " + endpoint,
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: function () {
        return [{ endpoint: endpoint }];
      },
    },
    yasqe: { value: page.example, prefixCcApi: null, createShortLink: undefined },
    yasr: { prefixes: longestFirst(page.prefixes) },
  });

  // Each named query opens in a tab of its own (or its tab, if already open).
  var byName = {};
  page.queries.forEach(function (query) {
    byName[query.name] = query;
  });
  document.querySelectorAll("button.open-query").forEach(function (button) {
    var query = byName[button.getAttribute("data-query")];
    button.hidden = false;
    button.addEventListener("click", function () {
      yasgui.addTab(
        true,
        { name: query.title, yasqe: { value: query.text }, requestConfig: { endpoint: endpoint } },
        { avoidDuplicateTabs: true }
      );
      document.getElementById("yasgui").scrollIntoView();
    });
  });
  window.kgYasgui = yasgui; // for the browser tests and the curious
})();
