/*
 * Ranking ballots: drag to reorder, or move with buttons, as an enhancement of the
 * select-per-rank form. The selects stay the form's fields (and stay usable); the list only
 * fills them in its order. Without this file the form works the same.
 */
(function () {
  "use strict";

  function init(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[name^='rank_']"));
    if (selects.length < 2) {
      return;
    }
    var labels = {};
    Array.prototype.forEach.call(selects[0].options, function (option) {
      if (option.value) {
        labels[option.value] = option.textContent;
      }
    });
    // The voter's order: what the selects hold, then every option not yet ranked.
    var order = [];
    var ranked = 0; // how many of `order` the voter has ranked; the rest stay unranked
    function readSelects() {
      order = [];
      selects.forEach(function (select) {
        if (select.value && order.indexOf(select.value) === -1) {
          order.push(select.value);
        }
      });
      ranked = order.length;
      Object.keys(labels).forEach(function (value) {
        if (order.indexOf(value) === -1) {
          order.push(value);
        }
      });
    }
    readSelects();

    var wrapper = document.createElement("div");
    wrapper.className = "ranking-list";
    var hint = document.createElement("p");
    hint.id = "ranking-list-hint";
    hint.className = "hint";
    hint.textContent = "Drag the options into your order, or use the Up and Down buttons. " +
      "This fills in the choices below, which you can still change one by one.";
    var list = document.createElement("ol");
    list.setAttribute("aria-describedby", hint.id);
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(hint);
    wrapper.appendChild(list);
    wrapper.appendChild(status);
    // Inside the ranking's fieldset, before its first select.
    var anchor = selects[0].closest(".form-group") || selects[0];
    anchor.parentNode.insertBefore(wrapper, anchor);

    var dragged = null;

    function button(text, value, step) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "button button--secondary button--small";
      b.textContent = text;
      var name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = " " + labels[value];
      b.appendChild(name);
      b.addEventListener("click", function () {
        move(value, step);
        var again = list.querySelector("[data-value='" + CSS.escape(value) + "'] button[data-step='" + step + "']");
        if (again && !again.disabled) {
          again.focus();
        } else {
          var other = list.querySelector("[data-value='" + CSS.escape(value) + "'] button:not([disabled])");
          if (other) { other.focus(); }
        }
      });
      b.setAttribute("data-step", String(step));
      return b;
    }

    function move(value, step) {
      var from = order.indexOf(value);
      var to = from + step;
      if (to < 0 || to >= order.length) {
        return;
      }
      order.splice(from, 1);
      order.splice(to, 0, value);
      // Moving an option ranks it and everything above it; options below stay as they were.
      ranked = Math.max(ranked, Math.max(from, to) + 1);
      render(true);
      status.textContent = labels[value] + " is now your choice " + (to + 1) + ".";
    }

    function render(sync) {
      list.textContent = "";
      order.forEach(function (value, index) {
        var item = document.createElement("li");
        item.draggable = true;
        item.setAttribute("data-value", value);
        var text = document.createElement("span");
        text.textContent = labels[value] + (index < ranked ? "" : " (not ranked)");
        item.appendChild(text);
        var up = button("Up", value, -1);
        up.disabled = index === 0;
        var down = button("Down", value, 1);
        down.disabled = index === order.length - 1;
        item.appendChild(up);
        item.appendChild(down);
        item.addEventListener("dragstart", function () { dragged = value; });
        item.addEventListener("dragover", function (event) { event.preventDefault(); });
        item.addEventListener("drop", function (event) {
          event.preventDefault();
          if (dragged && dragged !== value) {
            move(dragged, order.indexOf(value) - order.indexOf(dragged));
          }
          dragged = null;
        });
        list.appendChild(item);
      });
      if (sync) {
        selects.forEach(function (select, index) {
          select.value = index < ranked ? order[index] : "";
        });
      }
    }

    // Nothing is filled in until the voter moves something: ranking only some is their right.
    render(false);
    // A choice made in a select is the voter's too: the list follows it.
    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        readSelects();
        render(false);
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-ranking]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
