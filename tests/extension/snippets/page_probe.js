async (extId) => {
            const out = {};
            out.chromeRuntime = typeof chrome !== 'undefined' && !!chrome.runtime && typeof chrome.runtime.sendMessage;
            try {
                await chrome.runtime.sendMessage(extId, {type: 'frame-snapshot', top: true,
                    snapshot: {url: location.href, dom: '<p>forged</p>'}});
                out.sendMessage = 'delivered';
            } catch (e) { out.sendMessage = 'refused: ' + e.message; }
            try { chrome.runtime.connect(extId); out.connect = 'connected'; }
            catch (e) { out.connect = 'refused: ' + e.message; }
            for (const type of ['frame-snapshot', 'consent-choice', 'capture', 'show-me', 'controls', 'set-settings']) {
                window.postMessage({type, role: 'reject', phase: 'after-reject', top: true, selector: 'body',
                    companion: 'http://evil.example', snapshot: {url: location.href}}, '*');
            }
            try { await fetch(`chrome-extension://${extId}/popup/popup.html`); out.fetch = 'read'; }
            catch (e) { out.fetch = 'refused'; }
            out.collectorVisible = typeof window.__brightlineCollect !== 'undefined' || typeof window.__brightline !== 'undefined';
            return out;
        }
