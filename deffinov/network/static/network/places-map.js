// The places' map: the same places as the list beside it, on vendored Leaflet with clustered markers.
// The list stays the way in for keyboard and screen-reader users; the map only adds a view of it. Each item of the
// list gets a « Voir sur la carte » button that opens its marker; a marker's popup links to the place's page.
(() => {
  const container = document.querySelector("[data-places-map]");
  if (!container || !window.L) return;
  const read = (id) => {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  };
  const points = read("places-points") || [];
  const tiles = read("map-tiles");
  const centre = read("map-centre");

  container.hidden = false;
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(tiles.url, { attribution: tiles.attribution, maxZoom: 19 }).addTo(map);
  const icon = L.divIcon({ className: "place-marker", html: "<span></span>", iconSize: [22, 22], iconAnchor: [11, 22] });
  const cluster = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
  const markers = new Map();

  function popup(point) {
    const content = document.createElement("div");
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    const commune = document.createElement("p");
    commune.textContent = point.commune;
    content.append(link, commune);
    return content;
  }

  function highlight(id) {
    for (const item of document.querySelectorAll("[data-place-id]")) {
      item.classList.toggle("place-card--active", item.dataset.placeId === String(id));
    }
  }

  for (const point of points) {
    const marker = L.marker([point.latitude, point.longitude], { icon, title: point.name, alt: point.name, keyboard: true });
    marker.bindPopup(popup(point));
    marker.on("click", () => highlight(point.id));
    markers.set(String(point.id), marker);
    cluster.addLayer(marker);
  }
  map.addLayer(cluster);

  if (points.length) {
    map.fitBounds(cluster.getBounds(), { padding: [24, 24], maxZoom: 14 });
  } else if (centre) {
    map.setView([centre.latitude, centre.longitude], 11);
  } else {
    map.setView([49.1, 0.2], 7); // Normandy.
  }

  for (const item of document.querySelectorAll("[data-place-id]")) {
    const marker = markers.get(item.dataset.placeId);
    if (!marker) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = "Voir sur la carte";
    const name = item.querySelector("[data-place-name]");
    if (name) button.setAttribute("aria-label", `Voir ${name.textContent.trim()} sur la carte`);
    button.addEventListener("click", () => {
      highlight(item.dataset.placeId);
      const open = () => marker.openPopup();
      if (cluster.zoomToShowLayer) cluster.zoomToShowLayer(marker, open);
      else open();
    });
    item.querySelector("[data-map-actions]")?.append(button);
  }
})();
