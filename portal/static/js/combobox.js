/* A text field for a record's name (data-autocomplete="<kind>", portal.widgets.NameInput) becomes a combobox with
   suggestions from the names endpoint, following the WAI-ARIA 1.2 combobox pattern (list autocomplete): arrows move
   through the options, Enter takes one, Escape closes the list (or clears the field when it is closed), a polite live
   region tells how many suggestions there are. Without this script the field is a plain text field, resolved by the
   server on submit. No inline script or style: the page's CSP allows it as it is. */
(function () {
  "use strict";

  var DELAY = 200;
  var MIN_LETTERS = 2;
  var counter = 0;

  function upgrade(input) {
    counter += 1;
    var id = input.id || "name-combobox-" + counter;
    input.id = id;
    var listbox = document.createElement("ul");
    listbox.id = id + "-listbox";
    listbox.className = "combobox-listbox";
    listbox.setAttribute("role", "listbox");
    var label = input.labels && input.labels.length ? input.labels[0] : null;
    if (label) {
      if (!label.id) label.id = id + "-label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var wrapper = document.createElement("div");
    wrapper.className = "combobox";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var options = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function activate(index) {
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
      } else {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function choose(index) {
      if (index < 0 || index >= options.length) return;
      input.value = options[index].getAttribute("data-name");
      close();
      input.focus();
    }

    function show(results) {
      listbox.textContent = "";
      options = results.map(function (result, i) {
        var option = document.createElement("li");
        option.id = id + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("data-name", result.name);
        option.textContent = result.name;
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keeps the focus in the field
        });
        option.addEventListener("click", function () {
          choose(i);
        });
        listbox.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var open = options.length > 0;
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      status.textContent = open
        ? (input.getAttribute("data-autocomplete-count") || "%s").replace("%s", String(options.length))
        : input.getAttribute("data-autocomplete-none") || "";
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_LETTERS) {
        show([]);
        status.textContent = "";
        return;
      }
      asked += 1;
      var mine = asked;
      var url =
        input.getAttribute("data-autocomplete-url") +
        "?kind=" + encodeURIComponent(input.getAttribute("data-autocomplete")) +
        "&q=" + encodeURIComponent(text) +
        "&lang=" + encodeURIComponent(document.documentElement.lang || "");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (answer) {
          if (mine === asked) show(answer.results || []);
        })
        .catch(function () {
          if (mine === asked) show([]);
        });
    }

    input.addEventListener("input", function () {
      // The suggestions shown were for the text before: gone until the new ones arrive.
      listbox.textContent = "";
      options = [];
      close();
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          if (!open) {
            if (options.length) {
              listbox.hidden = false;
              input.setAttribute("aria-expanded", "true");
              activate(0);
            } else {
              ask();
            }
          } else {
            activate(active + 1 < options.length ? active + 1 : 0);
          }
          event.preventDefault();
          break;
        case "ArrowUp":
          if (open && options.length) {
            activate(active > 0 ? active - 1 : options.length - 1);
            event.preventDefault();
          }
          break;
        case "Enter":
          if (open && active >= 0) {
            choose(active);
            event.preventDefault(); // takes the suggestion; a second Enter submits the form
          }
          break;
        case "Escape":
          if (open) {
            close();
          } else {
            input.value = "";
          }
          event.preventDefault();
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-autocomplete]");
    Array.prototype.forEach.call(inputs, upgrade);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
