// Byline's only script, and an optional one: every page works without it.
// It reveals the protected email addresses and adds copy buttons.
(function () {
  "use strict";

  // Addresses are stored reversed and base64-encoded in data-email, so
  // that harvesters reading the HTML find no address.
  function decode(encoded) {
    var bin = atob(encoded);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return Array.from(new TextDecoder().decode(bytes)).reverse().join("");
  }

  function revealEmails() {
    document.querySelectorAll("a[data-email]").forEach(function (a) {
      try {
        var address = decode(a.getAttribute("data-email"));
        if (address.indexOf("@") < 1) return;
        a.href = "mailto:" + address;
        a.textContent = address;
      } catch (e) {
        // Leave the link to the contact page in place.
      }
    });
  }

  function addCopyButtons() {
    if (!navigator.clipboard) return;
    document.querySelectorAll("textarea[data-copy]").forEach(function (area) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(area.value).then(function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        });
      });
      area.insertAdjacentElement("afterend", button);
    });
  }

  function start() {
    revealEmails();
    addCopyButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
