// Progressive enhancement only: every page works without this file.
// Filter forms marked "autosubmit" apply a choice as soon as it is made.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const form of document.querySelectorAll("form.autosubmit")) {
    for (const field of form.querySelectorAll("select")) {
      field.addEventListener("change", () => form.requestSubmit());
    }
  }
});
