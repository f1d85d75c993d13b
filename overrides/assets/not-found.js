// Hosts such as GitHub Pages serve the site root's 404 page for every missing address: a reader of
// another edition goes on to that edition's own 404 page. The roots come from a JSON data block
// written by overrides/404.html ({"/dossier/en/": "/dossier/en/404.html"}).
(function () {
  var block = document.getElementById("not-found-redirects");
  if (!block) return;
  var roots = JSON.parse(block.textContent);
  for (var root in roots) {
    if (location.pathname.indexOf(root) === 0) { location.replace(roots[root]); return; }
  }
})();
