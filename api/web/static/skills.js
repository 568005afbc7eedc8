// Skill suggestions as one types (an enhancement: the forms work without it).
// Fields with data-suggest="skills" get a list of ESCO skill names under them; choosing one
// replaces the item being typed (items are separated by commas).
(function () {
  "use strict";
  function attach(input) {
    var list = document.createElement("ul");
    list.className = "suggest";
    list.id = input.id + "-suggestions";
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = "/skills/suggest?q=" + encodeURIComponent(input.value);
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (names) { show(input, list, names); })
          .catch(function () { list.replaceChildren(); });
      }, 200);
    });
  }
  function show(input, list, names) {
    list.replaceChildren();
    names.forEach(function (name) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = name;
      button.addEventListener("click", function () {
        var items = input.value.split(/[,،]/).slice(0, -1).map(function (s) { return s.trim(); });
        items.push(name);
        input.value = items.filter(Boolean).join(", ") + ", ";
        list.replaceChildren();
        input.focus();
      });
      item.appendChild(button);
      list.appendChild(item);
    });
  }
  document.querySelectorAll("input[data-suggest='skills']").forEach(attach);
})();
