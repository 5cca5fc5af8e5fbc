// duban web interface: a hash-routed single-page app on the REST API.
import { render } from 'preact';
import type { SessionUser } from '../../../libs/contracts/src/index.js';
import { get, onUnauthorized } from './api.js';
import { Shell } from './pages/shell.js';
import { signIn } from './pages/sign-in.js';
import { loadToday, session } from './session.js';
import './style.css';

onUnauthorized(signIn);
const root = document.getElementById('root');
// The frame at once (the sign-in box shows over it), the pages once the user is known.
if (root) {
  root.replaceChildren();
  render(<Shell ready={false} />, root);
}
try {
  session.user = await get<SessionUser>('/api/auth/me');
} catch {
  session.user = null;
}
await loadToday();
if (root) render(<Shell />, root);
