// The policy builder's small behaviours (no inline script: the pages' CSP forbids it).
// - A "Copy" button beside a review link copies it and says so in a live region.
// - A form marked js-submit-once cannot be sent twice by a double click.
document.querySelectorAll("[data-copy-target]").forEach((button) => {
  const field = document.getElementById(button.dataset.copyTarget);
  const status = document.getElementById(button.dataset.copyStatus);
  if (!field || !navigator.clipboard) {
    button.hidden = true;
    return;
  }
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(
      () => { if (status) status.textContent = "Link copied."; },
      () => {
        field.select();
        if (status) status.textContent = "Select the link and copy it with your keyboard.";
      },
    );
  });
});

document.querySelectorAll("form.js-submit-once").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  });
});
