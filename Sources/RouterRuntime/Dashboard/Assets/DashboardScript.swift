/// The dashboard's only script, compiled into the binary: local times, live Requests rows
/// (EventSource), Providers refresh and countdowns, OAuth buttons, and the playground and
/// preview forms. Every page works without it; it only adds liveness.
enum DashboardScript {
    static let js = #"""
    "use strict";
    (function () {
      const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

      // Times: the server writes UTC; show them in the viewer's time zone.
      function localizeTimes(root) {
        for (const el of (root || document).querySelectorAll("time[datetime]")) {
          const when = new Date(el.getAttribute("datetime"));
          if (isNaN(when)) continue;
          el.title = el.getAttribute("datetime");
          el.textContent = el.dataset.style === "time" ? when.toLocaleTimeString() : when.toLocaleString();
        }
      }

      function post(url, body, contentType) {
        const headers = { "x-csrf-token": csrf, "x-fragment": "1" };
        if (contentType) headers["content-type"] = contentType;
        return fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" });
      }

      function formBody(form) {
        return new URLSearchParams(new FormData(form)).toString();
      }

      // Requests: new rows arrive over server-sent events, newest on top.
      function formatCount(n) { return n == null ? "—" : Number(n).toLocaleString("en-US"); }
      function formatMS(ms) {
        if (ms == null) return "—";
        return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + " s";
      }
      function matches(filters, r) {
        if (filters.client && r.client !== filters.client) return false;
        if (filters.model && r.model !== filters.model && r.route !== filters.model) return false;
        if (filters.target && r.target !== filters.target && !r.attempts.some(a => a.target === filters.target)) return false;
        if (filters.stream && r.stream !== (filters.stream === "yes")) return false;
        const isError = r.error != null || r.status >= 400;
        if (filters.status === "ok" && isError) return false;
        if (filters.status === "error" && !isError) return false;
        if (filters.status && !["ok", "error"].includes(filters.status) && String(r.status) !== filters.status && r.error !== filters.status) return false;
        return true;
      }
      function cell(row, text, className) {
        const td = document.createElement("td");
        if (className) td.className = className;
        if (text instanceof Node) td.appendChild(text); else td.textContent = text;
        row.appendChild(td);
        return td;
      }
      function requestRow(r) {
        const row = document.createElement("tr");
        row.dataset.id = r.request_id;
        row.className = "fresh";
        const link = document.createElement("a");
        link.href = "/ui/requests/" + encodeURIComponent(r.request_id);
        const time = document.createElement("time");
        time.setAttribute("datetime", r.ts);
        time.dataset.style = "time";
        link.appendChild(time);
        cell(row, link);
        cell(row, r.client);
        cell(row, r.model);
        cell(row, r.route || "—");
        cell(row, r.target || "—");
        cell(row, r.attempts.length ? r.attempts.map(a => a.status).join("→") : "—");
        const status = document.createElement("span");
        const isError = r.error != null || r.status >= 400;
        status.className = "pill " + (isError ? "bad" : "good");
        status.textContent = r.status;
        const statusCell = cell(row, status);
        if (r.error) { const small = document.createElement("small"); small.textContent = " " + r.error; statusCell.appendChild(small); }
        cell(row, r.input_tokens == null && r.output_tokens == null ? "—" : formatCount(r.input_tokens || 0) + " / " + formatCount(r.output_tokens || 0), "num");
        cell(row, formatMS(r.ttft_ms), "num");
        cell(row, formatMS(r.duration_ms), "num");
        localizeTimes(row);
        return row;
      }
      function startRequests() {
        const table = document.getElementById("requests");
        if (!table || !window.EventSource) return;
        const body = document.getElementById("requests-body");
        const state = document.getElementById("live-state");
        const filters = Object.fromEntries(new URLSearchParams(location.search));
        const source = new EventSource(table.dataset.stream + location.search);
        source.onopen = () => { state.textContent = "live"; state.classList.add("on"); };
        source.onerror = () => { state.textContent = "reconnecting…"; state.classList.remove("on"); };
        source.addEventListener("request", (event) => {
          const r = JSON.parse(event.data);
          if (!matches(filters, r) || body.querySelector('tr[data-id="' + CSS.escape(r.request_id) + '"]')) return;
          body.insertBefore(requestRow(r), body.firstChild);
          const empty = document.getElementById("requests-empty");
          if (empty) empty.remove();
          while (body.rows.length > 200) body.deleteRow(body.rows.length - 1);
        });
        window.addEventListener("pagehide", () => source.close());
      }

      // Providers: countdowns tick every second; the cards refresh every three.
      function tickCountdowns() {
        for (const el of document.querySelectorAll(".countdown[data-seconds]")) {
          const left = Math.max(0, Number(el.dataset.seconds) - 1);
          el.dataset.seconds = left;
          el.textContent = left + " s";
        }
      }
      function startProviders() {
        const holder = document.getElementById("providers");
        if (!holder) return;
        setInterval(tickCountdowns, 1000);
        setInterval(async () => {
          try {
            const reply = await fetch(holder.dataset.refresh + "?fragment=1", { credentials: "same-origin" });
            if (reply.ok) { holder.innerHTML = await reply.text(); localizeTimes(holder); }
          } catch (e) { /* keep the last view */ }
        }, 3000);
        holder.addEventListener("click", (event) => {
          const button = event.target.closest("button[data-oauth]");
          if (button) oauthAction(button);
        });
      }
      async function oauthAction(button) {
        const box = document.getElementById("oauth-flow");
        const provider = button.dataset.provider, account = button.dataset.account;
        box.hidden = false;
        if (button.dataset.oauth === "logout") {
          if (!confirm("Log out " + provider + "/" + account + "? Its tokens are deleted.")) return;
          const reply = await post("/v1/admin/oauth/" + encodeURIComponent(provider) + "/" + encodeURIComponent(account) + "/logout", "");
          box.textContent = reply.ok ? "Logged out " + provider + "/" + account + "." : "Logout failed (HTTP " + reply.status + ").";
          return;
        }
        const reply = await post("/v1/oauth/" + encodeURIComponent(provider) + "/login", JSON.stringify(account ? { account: account } : {}), "application/json");
        const flow = await reply.json().catch(() => ({}));
        if (!reply.ok) { box.textContent = "Login could not start: " + ((flow.error || {}).message || reply.status); return; }
        box.replaceChildren();
        const text = document.createElement("p");
        text.textContent = flow.user_code ? "Open the page below and enter the code " + flow.user_code + "." : "Open the page below to log in.";
        const link = document.createElement("a");
        link.href = flow.verification_uri_complete || flow.verification_uri || flow.url;
        link.textContent = link.href;
        link.target = "_blank";
        link.rel = "noopener";
        const status = document.createElement("p");
        status.textContent = "waiting…";
        box.append(text, link, status);
        for (let i = 0; i < 600; i++) {
          await new Promise(resolve => setTimeout(resolve, 2000));
          const poll = await fetch("/v1/oauth/flows/" + encodeURIComponent(flow.flow_id), { credentials: "same-origin" });
          const state = await poll.json().catch(() => ({}));
          status.textContent = state.state || "unknown";
          if (state.state && state.state !== "pending") break;
        }
      }

      // Playground and preview: answer in place.
      function wireForm(id, resultID) {
        const form = document.getElementById(id);
        if (!form) return;
        form.addEventListener("submit", async (event) => {
          event.preventDefault();
          const result = document.getElementById(resultID);
          result.textContent = "…";
          const reply = await post(form.action, formBody(form), "application/x-www-form-urlencoded");
          result.innerHTML = await reply.text();
        });
      }

      document.addEventListener("DOMContentLoaded", () => {
        localizeTimes();
        startRequests();
        startProviders();
        wireForm("playground", "playground-result");
        wireForm("preview", "preview-result");
      });
    })();
    """#
}
