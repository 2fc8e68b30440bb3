/**
 * The page a demo app serves, meant for a projector: huge type, the answering version's
 * colour filling the screen. It asks `/api/version` once a second on the origin it came
 * from (the proxy), so the room watches traffic move while the ratio changes, and keeps a
 * tally per version plus a strip of the last answers. A WebSocket line shows that an open
 * socket keeps its environment through a ratio change.
 */
export function demoPage(label: string, color: string): string {
  const title = escapeHtml(label);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Turnout demo</title>
<style>
  html,body{margin:0;height:100%}
  body{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:3vmin;
    background:${color};color:#fff;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;
    transition:background .4s;text-align:center;text-shadow:0 2px 12px rgba(0,0,0,.25)}
  .label{font-size:18vmin;font-weight:800;line-height:1}
  .caption{font-size:3.2vmin;opacity:.9}
  .tally{display:flex;gap:2vmin;flex-wrap:wrap;justify-content:center;font-size:4vmin;font-weight:700}
  .tally span{background:rgba(0,0,0,.22);border-radius:1.5vmin;padding:1vmin 2.5vmin}
  .strip{display:flex;gap:.6vmin;height:3vmin}
  .strip i{width:2.4vmin;border-radius:.6vmin;border:.3vmin solid rgba(255,255,255,.8)}
  .ws{font-size:2.6vmin;opacity:.85;min-height:3vmin}
  .error{color:#fff;background:#b91c1c;border-radius:1vmin;padding:.5vmin 2vmin}
</style></head>
<body>
  <div class="caption">This answer came from</div>
  <div class="label" id="label">${title}</div>
  <div class="tally" id="tally"></div>
  <div class="strip" id="strip"></div>
  <div class="ws" id="ws"></div>
  <div class="caption">Turnout demo · asking every second through the proxy</div>
<script>
(() => {
  const tally = new Map();
  const last = [];
  const show = (text, color, isError) => {
    const label = document.getElementById('label');
    label.textContent = text;
    label.className = isError ? 'label error' : 'label';
    if (color) document.body.style.background = color;
    tally.set(text, (tally.get(text) || 0) + 1);
    last.push(isError ? '#b91c1c' : color);
    if (last.length > 30) last.shift();
    const box = document.getElementById('tally');
    box.replaceChildren(...[...tally].map(([name, count]) => {
      const item = document.createElement('span');
      item.textContent = name + ': ' + count;
      return item;
    }));
    document.getElementById('strip').replaceChildren(...last.map((c) => {
      const dot = document.createElement('i');
      dot.style.background = c;
      return dot;
    }));
  };
  const ask = async () => {
    try {
      const response = await fetch('/api/version', { cache: 'no-store' });
      if (!response.ok) return show('error ' + response.status, null, true);
      const body = await response.json();
      show(body.label, body.color, false);
    } catch (error) {
      show('no answer', null, true);
    }
  };
  setInterval(ask, 1000);
  ask();
  const line = document.getElementById('ws');
  const connect = () => {
    const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
    socket.onmessage = (event) => { line.textContent = 'WebSocket: ' + event.data; };
    socket.onclose = () => { line.textContent = 'WebSocket closed, reconnecting…'; setTimeout(connect, 2000); };
  };
  connect();
})();
</script>
</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
