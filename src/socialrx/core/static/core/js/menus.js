// The header's drop-downs are <details> menus and work without this file. With it, a menu
// closes when the person clicks elsewhere or presses Escape, and opening one closes the others
// (as the shared name="site-menu" already does in browsers that support it).
(function () {
  "use strict";

  function openMenus() {
    return document.querySelectorAll("details.nav-menu[open]");
  }

  document.addEventListener("click", function (event) {
    openMenus().forEach(function (menu) {
      if (!menu.contains(event.target)) {
        menu.removeAttribute("open");
      }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    openMenus().forEach(function (menu) {
      menu.removeAttribute("open");
      if (menu.contains(document.activeElement)) {
        menu.querySelector("summary").focus();
      }
    });
  });

  document.addEventListener(
    "toggle",
    function (event) {
      var opened = event.target;
      if (!opened.matches || !opened.matches("details.nav-menu") || !opened.open) {
        return;
      }
      openMenus().forEach(function (menu) {
        if (menu !== opened) {
          menu.removeAttribute("open");
        }
      });
    },
    true
  );
})();
