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
    // The voter's current order: what the selects hold, then every option not yet ranked.
    var order = [];
    selects.forEach(function (select) {
      if (select.value && order.indexOf(select.value) === -1) {
        order.push(select.value);
      }
    });
    Object.keys(labels).forEach(function (value) {
      if (order.indexOf(value) === -1) {
        order.push(value);
      }
    });

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
    form.insertBefore(wrapper, selects[0].closest(".form-group") || selects[0]);

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
      render(true);
      status.textContent = labels[value] + " is now choice " + (to + 1) + " of " + order.length + ".";
    }

    function render(sync) {
      list.textContent = "";
      order.forEach(function (value, index) {
        var item = document.createElement("li");
        item.draggable = true;
        item.setAttribute("data-value", value);
        var text = document.createElement("span");
        text.textContent = labels[value];
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
          select.value = order[index] || "";
        });
      }
    }

    // Nothing is filled in until the voter moves something: ranking only some is their right.
    render(false);
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
