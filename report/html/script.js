// Filters for the wirecopy HTML report. Without this script every
// cluster is shown and the filter form stays hidden; with it, the form
// hides clusters (the hidden attribute only: no styles are set, as the
// page's Content-Security-Policy forbids them) by source, language and
// date range. Each cluster item carries data-sources and data-langs
// (values separated by newlines) and, when a member is dated,
// data-from and data-to (ISO dates, which compare as strings).
"use strict";
(function () {
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("li.cluster"));
  var status = document.getElementById("shown");
  var has = function (list, value) {
    return (list || "").split("\n").indexOf(value) >= 0;
  };
  var apply = function () {
    var source = form.elements.source.value;
    var lang = form.elements.lang.value;
    var from = form.elements.from.value;
    var to = form.elements.to.value;
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset;
      var ok = (!source || has(d.sources, source)) &&
        (!lang || has(d.langs, lang)) &&
        (!from || (d.to !== undefined && d.to >= from)) &&
        (!to || (d.from !== undefined && d.from <= to));
      li.hidden = !ok;
      if (ok) {
        shown++;
      }
    });
    var filtered = source || lang || from || to;
    status.textContent = filtered ?
      "Showing " + shown + " of " + items.length + " clusters." + (shown ? "" : " No cluster matches the filters.") :
      "Showing all " + items.length + " clusters.";
  };
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () {
    setTimeout(apply, 0);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
  });
  form.addEventListener("click", function (e) {
    var how = e.target.getAttribute && e.target.getAttribute("data-expand");
    if (!how) {
      return;
    }
    items.forEach(function (li) {
      if (how === "close" || !li.hidden) {
        li.firstElementChild.open = how === "open";
      }
    });
  });
  // A link to a cluster (from the article table) opens it, showing it
  // again if the filters hid it.
  var reveal = function () {
    var li = location.hash && document.getElementById(location.hash.slice(1));
    if (!li || !li.classList.contains("cluster")) {
      return;
    }
    if (li.hidden) {
      form.reset();
      li.hidden = false;
    }
    li.firstElementChild.open = true;
  };
  window.addEventListener("hashchange", reveal);
  form.hidden = false;
  apply();
  reveal();
})();
