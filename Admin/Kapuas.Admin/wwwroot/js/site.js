// The site's only script, from a file: the Content-Security-Policy allows no inline script or event attribute.
// A select marked data-submit-on-change submits its form when a choice is made (the language switch).
document.addEventListener('change', function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute('data-submit-on-change') && target.form) {
    target.form.submit();
  }
});
