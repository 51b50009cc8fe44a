// Commune autocomplete: turns every input[data-commune-autocomplete] into an ARIA 1.2 combobox
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). Without JavaScript the input stays a text
// field and the server resolves what was typed (name, postcode or INSEE code).
(() => {
  if (window.deffinovCommuneAutocomplete) return; // The widget template includes this script once per field.

  const DEBOUNCE_MS = 200;
  const MIN_LENGTH = 2;
  const LIMIT = 10;
  let counter = 0;

  function label(commune, query) {
    const digits = query.replace(/\s/g, "");
    const postcode =
      (/^\d+$/.test(digits) && commune.postcodes.find((code) => code.startsWith(digits))) || commune.postcodes[0];
    return postcode ? `${commune.name} (${postcode}) – ${commune.code}` : `${commune.name} – ${commune.code}`;
  }

  function formatCoordinate(input, value) {
    const text = String(value);
    const french = input.type !== "number" && (document.documentElement.lang || "").startsWith("fr");
    return french ? text.replace(".", ",") : text;
  }

  function fillCoordinates(input, commune) {
    input.dataset.latitude = commune.latitude ?? "";
    input.dataset.longitude = commune.longitude ?? "";
    const form = input.form;
    if (!form || commune.latitude == null || commune.longitude == null) return;
    for (const [name, value] of [["latitude", commune.latitude], ["longitude", commune.longitude]]) {
      const field = form.elements.namedItem(name);
      // Only an empty field, or one still holding the coordinates of a previously chosen commune.
      if (field instanceof HTMLInputElement && (field.value.trim() === "" || field.value === field.dataset.communeFilled)) {
        field.value = formatCoordinate(field, value);
        field.dataset.communeFilled = field.value;
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }

  function enhance(input) {
    if (input.dataset.communeAutocompleteReady) return;
    const endpoint = new URL(input.dataset.communeAutocomplete, window.location.href);
    if (endpoint.origin !== window.location.origin) return; // Same-origin requests only.
    input.dataset.communeAutocompleteReady = "true";

    const id = input.id || `commune-${++counter}`;
    input.id = id;
    const listbox = document.createElement("ul");
    listbox.id = `${id}-listbox`;
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "Communes proposées");
    listbox.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    input.after(listbox, status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let results = [];
    let active = -1;
    let timer = null;
    let controller = null;
    let lastQuery = "";

    // The postcode typed beside the commune (the structure's address): only its communes are proposed.
    function postcodeTyped() {
      const field = input.form && input.dataset.postcodeField && input.form.elements.namedItem(input.dataset.postcodeField);
      const digits = field instanceof HTMLInputElement ? field.value.replace(/\s/g, "") : "";
      return /^\d{1,5}$/.test(digits) ? digits : "";
    }

    function options() {
      return Array.from(listbox.querySelectorAll("[role=option]"));
    }

    function setActive(index) {
      const items = options();
      active = items.length ? (index + items.length) % items.length : -1;
      items.forEach((item, position) => item.setAttribute("aria-selected", String(position === active)));
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", items[active].id);
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function open() {
      if (!results.length) return;
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function choose(index) {
      const commune = results[index];
      if (!commune) return;
      const list = input.dataset.appendTo && document.getElementById(input.dataset.appendTo);
      if (list) {
        appendTo(list, commune);
        return;
      }
      input.value = label(commune, postcodeTyped() || lastQuery);
      fillCoordinates(input, commune);
      close();
      status.textContent = `${commune.name} choisie.`;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    // A list of communes (a textarea, one a line, the no-JavaScript way): the chosen commune is added to it.
    function appendTo(list, commune) {
      const line = label(commune, lastQuery);
      const lines = list.value.split("\n").map((text) => text.trim()).filter(Boolean);
      const present = lines.some((text) => text.endsWith(`– ${commune.code}`));
      if (!present) {
        lines.push(line);
        list.value = `${lines.join("\n")}\n`;
        list.dispatchEvent(new Event("change", { bubbles: true }));
      }
      input.value = "";
      close();
      status.textContent = present ? `${commune.name} figure déjà dans la liste.` : `${commune.name} ajoutée à la liste.`;
    }

    function render(query, communes) {
      results = communes;
      listbox.replaceChildren(
        ...communes.map((commune, index) => {
          const item = document.createElement("li");
          item.id = `${listbox.id}-${index}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.latitude = commune.latitude ?? "";
          item.dataset.longitude = commune.longitude ?? "";
          item.textContent = `${label(commune, postcodeTyped() || query)} · ${commune.departement.name}`;
          return item;
        }),
      );
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (communes.length) {
        open();
        status.textContent =
          communes.length === 1
            ? "1 commune proposée. Flèches haut et bas pour la parcourir, Entrée pour la choisir."
            : `${communes.length} communes proposées. Flèches haut et bas pour les parcourir, Entrée pour choisir.`;
      } else {
        close();
        status.textContent = "Aucune commune ne correspond.";
      }
    }

    async function search(query) {
      if (controller) controller.abort();
      controller = new AbortController();
      const url = new URL(endpoint);
      url.searchParams.set("q", query);
      url.searchParams.set("limit", String(LIMIT));
      const postcode = postcodeTyped();
      if (postcode) url.searchParams.set("code_postal", postcode);
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const communes = await response.json();
        if (input.value.trim() === query) {
          lastQuery = query;
          render(query, communes);
        }
      } catch (error) {
        if (error.name === "AbortError") return;
        results = [];
        close();
        status.textContent = "La liste des communes est indisponible : saisissez le nom ou le code postal.";
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      delete input.dataset.latitude;
      delete input.dataset.longitude;
      if (query.length < MIN_LENGTH || query.length > 50) {
        if (controller) controller.abort();
        results = [];
        listbox.replaceChildren();
        close();
        return;
      }
      timer = setTimeout(() => search(query), DEBOUNCE_MS);
    });

    input.addEventListener("keydown", (event) => {
      const expanded = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!expanded) open();
          if (event.altKey) return;
          setActive(active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (!expanded) open();
          setActive(active < 0 ? -1 : active - 1);
          break;
        case "Enter":
          if (expanded && active >= 0) {
            event.preventDefault(); // Choose the commune rather than submit the form.
            choose(active);
          }
          break;
        case "Escape":
          if (expanded) {
            event.preventDefault();
            close();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", () => close());
    // Keep the focus in the input while clicking an option, so the blur does not close the list first.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const item = event.target.closest("[role=option]");
      if (item) choose(options().indexOf(item));
    });
  }

  // A textarea of communes keeps working as typed text; beside it, a combobox adds one commune at a time.
  function enhanceList(list) {
    if (list.dataset.communeAutocompleteReady) return;
    list.dataset.communeAutocompleteReady = "true";
    const adder = document.createElement("div");
    adder.className = "autocomplete commune-adder";
    const caption = document.createElement("label");
    const input = document.createElement("input");
    input.type = "text";
    input.id = `${list.id}-ajout`;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.dataset.communeAutocomplete = list.dataset.communeAutocomplete;
    input.dataset.appendTo = list.id;
    caption.htmlFor = input.id;
    caption.textContent = "Ajouter une commune (nom ou code postal)";
    adder.append(caption, input);
    list.after(adder);
    enhance(input);
  }

  function enhanceAll(root) {
    root.querySelectorAll("input[data-commune-autocomplete]").forEach(enhance);
    root.querySelectorAll("textarea[data-commune-autocomplete]").forEach(enhanceList);
  }

  window.deffinovCommuneAutocomplete = { enhanceAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => enhanceAll(document));
  } else {
    enhanceAll(document);
  }
  // Forms swapped in by HTMX get the same enhancement.
  document.addEventListener("htmx:load", (event) => enhanceAll(event.target));
})();
