(function () {
  "use strict";
  var q = document.getElementById("q");
  var areaSel = document.getElementById("area");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.fr"));
  var text = new Map();
  rows.forEach(function (r) { text.set(r, r.textContent.toLowerCase().replace(/\s+/g, " ")); });

  function pressed(panel) {
    var groups = {};
    panel.querySelectorAll(".chips").forEach(function (c) {
      var on = Array.prototype.filter.call(c.querySelectorAll("button"), function (b) {
        return b.getAttribute("aria-pressed") === "true";
      }).map(function (b) { return b.dataset.v; });
      if (on.length) { groups[c.dataset.group] = on; }
    });
    return groups;
  }

  function apply() {
    var terms = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var area = areaSel.value;
    var total = 0, visible = 0;
    document.querySelectorAll("section.area").forEach(function (s) {
      s.classList.toggle("hidden", area !== "" && s.dataset.area !== area);
    });
    document.querySelectorAll(".panel").forEach(function (p) {
      var groups = pressed(p);
      var n = 0, m = 0;
      p.querySelectorAll("tr.fr").forEach(function (r) {
        var ok = terms.every(function (t) { return text.get(r).indexOf(t) >= 0; });
        for (var g in groups) {
          if (groups[g].indexOf(r.dataset[g]) < 0) { ok = false; }
        }
        r.classList.toggle("hidden", !ok);
        r.dataset.match = ok ? "1" : "";
        n++; if (ok) { m++; }
      });
      p.querySelectorAll("table.grid").forEach(paginate);
      if (terms.length && m > 0 && p.tagName === "DETAILS") { p.open = true; }
      var pc = p.querySelector(".pc");
      if (pc) { pc.textContent = (m === n) ? String(n) : m + " of " + n; }
      if (!p.closest("section.area").classList.contains("hidden")) { total += n; visible += m; }
    });
    shown.textContent = (terms.length || visible !== total) ? visible + " of " + total + " rows shown" : total + " rows";
    document.getElementById("nomatch").hidden = visible !== 0 || total === 0;
  }

  // Pages: a large batch has thousands of rows; each table shows PAGE of
  // its matching rows at a time, with a pager under it.
  var PAGE = 25;
  function paginate(table) {
    var match = Array.prototype.filter.call(table.tBodies[0] ? table.tBodies[0].rows : [], function (r) {
      return r.classList.contains("fr") && r.dataset.match === "1";
    });
    var pager = table.nextElementSibling;
    if (!pager || !pager.classList.contains("pager")) {
      if (match.length <= PAGE && !table.dataset.paged) { return; }
      pager = document.createElement("div");
      pager.className = "pager";
      pager.innerHTML = '<button type="button" class="prev">‹ previous</button> <span class="at"></span> <button type="button" class="next">next ›</button>';
      table.parentNode.insertBefore(pager, table.nextSibling);
      table.dataset.paged = "1"; table.dataset.page = "0";
      pager.querySelector(".prev").addEventListener("click", function () { table.dataset.page = String(+table.dataset.page - 1); paginate(table); });
      pager.querySelector(".next").addEventListener("click", function () { table.dataset.page = String(+table.dataset.page + 1); paginate(table); });
    }
    var pages = Math.max(1, Math.ceil(match.length / PAGE));
    var at = Math.min(Math.max(0, +table.dataset.page || 0), pages - 1);
    table.dataset.page = String(at);
    match.forEach(function (r, i) { r.classList.toggle("hidden", Math.floor(i / PAGE) !== at); });
    pager.hidden = pages <= 1;
    pager.querySelector(".at").textContent = "page " + (at + 1) + " of " + pages + " (" + match.length + " rows)";
    pager.querySelector(".prev").disabled = at === 0;
    pager.querySelector(".next").disabled = at === pages - 1;
  }
  // Showing a row from elsewhere (the matrix) turns its table to its page.
  function reveal(row) {
    var table = row.closest("table.grid");
    if (table && table.dataset.paged) {
      var match = Array.prototype.filter.call(table.tBodies[0].rows, function (r) { return r.dataset.match === "1"; });
      var i = match.indexOf(row);
      if (i >= 0) { table.dataset.page = String(Math.floor(i / PAGE)); paginate(table); }
    }
    row.classList.remove("hidden");
  }

  var timer;
  function firstPages() { document.querySelectorAll("table.grid").forEach(function (t) { t.dataset.page = "0"; }); }
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { firstPages(); apply(); }, 120); });
  areaSel.addEventListener("change", apply);
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== q && !/TEXTAREA|INPUT/.test(document.activeElement.tagName)) {
      e.preventDefault(); q.focus();
    }
  });
  document.querySelectorAll(".chips button").forEach(function (b) {
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", function () {
      b.setAttribute("aria-pressed", b.getAttribute("aria-pressed") === "true" ? "false" : "true");
      apply();
    });
  });
  document.addEventListener("click", function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains("text")) { t.classList.toggle("clamp"); return; }
    if (t.matches && t.matches("td.c[data-link]")) {
      var row = document.getElementById(t.dataset.link);
      if (row) {
        reveal(row);
        row.scrollIntoView({ block: "center" });
        row.style.outline = "2px solid #1f5fa8";
        setTimeout(function () { row.style.outline = ""; }, 1500);
      }
    }
  });

  // Review: only when served by `sendrecon review serve`.
  var banner = document.getElementById("mode");
  function mark(row, d) {
    row.classList.remove("decided-accept", "decided-reject");
    row.classList.add("decided-" + d.action);
    var st = row.querySelector(".state");
    var review = d.action === "accept" ? "accepted" : "rejected";
    st.className = "state r-" + review;
    st.textContent = review + " · next run";
    row.dataset.review = review;
    var res = row.querySelector(".res");
    res.className = "res ok";
    res.textContent = (d.action === "accept" ? "accepted" : "rejected") + " by " + d.by +
      (d.note ? " (" + d.note + ")" : "") + "; the next run applies it";
  }
  function decide(row, action) {
    var res = row.querySelector(".res");
    var note = row.querySelector("textarea.note");
    var btns = row.querySelectorAll("button.act");
    btns.forEach(function (b) { b.disabled = true; });
    res.className = "res"; res.textContent = "saving…";
    fetch("api/decisions", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ link_id: row.dataset.link, action: action, note: note.value })
    }).then(function (r) {
      return r.json().catch(function () { return { error: r.statusText }; }).then(function (body) {
        if (!r.ok) { throw new Error(body.error || r.statusText); }
        mark(row, body);
      });
    }).catch(function (err) {
      res.className = "res err"; res.textContent = "not saved: " + err.message;
    }).then(function () { btns.forEach(function (b) { b.disabled = false; }); });
  }
  function enable(state) {
    banner.className = "banner served";
    banner.textContent = "Reviewing as " + state.reviewer + ": accept and reject go to " + state.decisions_file +
      "; the next run applies them. A note goes with your next accept or reject.";
    document.querySelectorAll("tr[data-link]").forEach(function (row) {
      row.querySelectorAll("button.act").forEach(function (b) {
        b.disabled = false;
        b.addEventListener("click", function () {
          if (b.dataset.act === "note") {
            var n = row.querySelector("textarea.note");
            n.hidden = !n.hidden; if (!n.hidden) { n.focus(); }
            return;
          }
          decide(row, b.dataset.act);
        });
      });
      var d = state.decisions && state.decisions[row.dataset.link];
      if (d) { mark(row, d); }
    });
  }
  if (location.protocol === "http:" || location.protocol === "https:") {
    fetch("api/state").then(function (r) {
      if (!r.ok) { throw new Error(r.statusText); }
      return r.json();
    }).then(enable).catch(function (err) {
      banner.className = "banner broken";
      banner.textContent = "This page is served, but not by sendrecon review serve (" + err.message + "): the review buttons are off.";
    });
  }
  apply();
})();
