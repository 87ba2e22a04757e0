// The completion letter's "Print" button: in a file of its own, since the pages run no inline script.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.addEventListener("click", () => window.print());
});
