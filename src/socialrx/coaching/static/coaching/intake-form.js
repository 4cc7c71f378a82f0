// The needs-assessment form is sent once per page: a second click while the first is on its
// way would otherwise post again (the server refuses a second submission, but the person would
// land on the "already submitted" page instead of the thank-you).
document.querySelectorAll("form.js-submit-once").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "1";
    form.setAttribute("aria-busy", "true");
  });
});
// After a refused save or submission, take keyboard and screen-reader users to the list of
// what needs fixing.
const problems = document.getElementById("intake-problems");
if (problems) problems.focus();
