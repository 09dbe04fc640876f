// Byline's article editor: live preview and autosave. The form works
// without this script; it only adds to it.
//
// Autosave keeps every field in localStorage under one key per article
// ("byline-draft-<id>" or "byline-draft-new") on every input, so a closed
// tab, a crash or an expired session loses no typing. When the stored copy
// differs from what the server sent, the page offers to restore it. A page
// that follows a successful save names, in data-clear-drafts, the keys the
// save made obsolete.
(function () {
  "use strict";
  var root = document.querySelector(".editor[data-storage-key]");
  var form = document.getElementById("article-form");
  if (!root || !form) {
    return;
  }
  var prefix = "byline-draft-";
  var key = prefix + root.getAttribute("data-storage-key");
  var store = null;
  try {
    store = window.localStorage;
  } catch (e) {
    store = null; // storage disabled: no autosave, the form still works
  }

  function fields() {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrf_token" || el.name === "action" || el.disabled) {
        return;
      }
      out[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    return out;
  }

  function apply(values) {
    Object.keys(values).forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (!el || el.disabled) {
        return;
      }
      if (el.type === "checkbox") {
        el.checked = !!values[name];
      } else {
        el.value = values[name];
      }
    });
  }

  function same(a, b) {
    var names = Object.keys(a).concat(Object.keys(b));
    for (var i = 0; i < names.length; i++) {
      if (String(a[names[i]]) !== String(b[names[i]])) {
        return false;
      }
    }
    return true;
  }

  if (store) {
    var clear = root.getAttribute("data-clear-drafts");
    if (clear) {
      clear.split(/\s+/).forEach(function (k) {
        if (k) {
          store.removeItem(prefix + k);
        }
      });
    }
    var server = fields();
    var saved = null;
    try {
      saved = JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      saved = null;
    }
    if (saved && saved.fields && !same(saved.fields, server)) {
      var offer = document.getElementById("autosave-offer");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = "Restore unsaved changes from " + new Date(saved.at).toLocaleString();
      var discard = document.createElement("button");
      discard.type = "button";
      discard.textContent = "Discard them";
      button.addEventListener("click", function () {
        apply(saved.fields);
        offer.hidden = true;
        schedulePreview();
      });
      discard.addEventListener("click", function () {
        store.removeItem(key);
        offer.hidden = true;
      });
      offer.appendChild(button);
      offer.appendChild(document.createTextNode(" "));
      offer.appendChild(discard);
      offer.hidden = false;
    }
    form.addEventListener("input", function () {
      try {
        store.setItem(key, JSON.stringify({ at: Date.now(), fields: fields() }));
      } catch (e) {
        // Quota exceeded: the server copy is all there is.
      }
    });
  }

  // Live preview: the server renders the body with the same renderer and
  // sanitizer readers get, so what is shown is what will be published.
  var body = document.getElementById("body");
  var format = document.getElementById("format");
  var pane = document.getElementById("preview");
  var section = document.getElementById("preview-section");
  var csrf = form.elements.namedItem("csrf_token");
  var timer = 0;
  var seq = 0;

  function preview() {
    var mine = ++seq;
    var params = new URLSearchParams();
    params.set("csrf_token", csrf.value);
    params.set("body", body.value);
    params.set("format", format.value);
    fetch("/admin/preview", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: params.toString()
    }).then(function (res) {
      return res.text().then(function (text) {
        return { ok: res.ok, text: text };
      });
    }).then(function (r) {
      if (mine !== seq) {
        return; // a newer preview is on its way
      }
      section.hidden = false;
      if (r.ok) {
        pane.innerHTML = r.text; // sanitized by the server's renderer
      } else {
        pane.textContent = "The preview failed. Your text is kept.";
      }
    }).catch(function () {
      if (mine === seq) {
        pane.textContent = "The preview is unavailable (offline?). Your text is kept.";
      }
    });
  }

  function schedulePreview() {
    if (!body || !pane || !csrf) {
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(preview, 400);
  }

  if (body && format) {
    body.addEventListener("input", schedulePreview);
    format.addEventListener("change", schedulePreview);
    if (body.value) {
      schedulePreview();
    }
  }
})();

// Drag and drop on the media library's upload form: a file dropped
// anywhere on the form fills its file input. Without this script the
// file input is used as usual (and most browsers accept drops on it).
(function () {
  "use strict";
  var form = document.querySelector("form[data-dropzone]");
  var input = form && form.querySelector("input[type=file]");
  if (!form || !input || typeof DataTransfer === "undefined") {
    return;
  }
  function over(e) {
    e.preventDefault();
    form.classList.add("dropping");
  }
  function leave() {
    form.classList.remove("dropping");
  }
  form.addEventListener("dragenter", over);
  form.addEventListener("dragover", over);
  form.addEventListener("dragleave", leave);
  form.addEventListener("drop", function (e) {
    e.preventDefault();
    leave();
    var files = e.dataTransfer && e.dataTransfer.files;
    if (!files || files.length === 0) {
      return;
    }
    var dt = new DataTransfer();
    dt.items.add(files[0]);
    input.files = dt.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.focus();
  });
})();
