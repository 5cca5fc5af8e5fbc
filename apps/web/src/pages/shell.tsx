// The frame of every page: header with navigation and the signed-in user, and the hash router.
import type { ComponentChildren } from 'preact';
import { useEffect, useErrorBoundary, useRef, useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../../../libs/contracts/src/index.js';
import { post } from '../api.js';
import { ErrorBox, PageTitle } from '../components/common.js';
import { NotificationBell } from '../components/notification-bell.js';
import { isCoordinator, onSessionChange, readsAsOffice, session, sessionChanged } from '../session.js';
import { AdminPage } from './admin.js';
import { ImportPage } from './import.js';
import { InboxPage } from './inbox.js';
import { IndicatorsPage } from './indicators.js';
import { ItemPage } from './item.js';
import { ItemSearchPage } from './item-search.js';
import { NotificationsPage } from './notifications.js';
import { OverviewPage } from './overview.js';
import { PasswordPage } from './password.js';
import { PlanPage } from './plan.js';
import { PlansPage } from './plans.js';
import { ReportsPage } from './reports.js';
import { signIn } from './sign-in.js';
import { ReportReviewPage } from './report-review.js';
import { WorkbenchPage } from './workbench.js';

type NavKey = 'workbench' | 'overview' | 'review' | 'plans' | 'items' | 'indicators' | 'reports' | 'notifications' | 'import' | 'admin';

const NAV: [NavKey, string][] = [
  ['workbench', '工作台'],
  ['overview', '督办总览'],
  ['review', '报送审阅'],
  ['plans', '方案'],
  ['items', '事项查询'],
  ['indicators', '指标'],
  ['reports', '月报'],
  ['notifications', '提醒记录'],
  ['import', '计划导入'],
  ['admin', '管理'],
];

/** The pages a role uses; the others are not shown in the navigation. */
function navVisible(key: NavKey): boolean {
  if (!session.user) return true;
  switch (key) {
    case 'workbench':
      return Boolean(session.user.departmentId) || readsAsOffice();
    case 'overview':
    case 'review':
    case 'notifications':
      return readsAsOffice();
    case 'import':
    case 'admin':
      return isCoordinator();
    default:
      return true;
  }
}

function homeNav(): NavKey {
  return readsAsOffice() ? 'overview' : session.user?.departmentId ? 'workbench' : 'plans';
}

type Render = (m: RegExpExecArray, params: URLSearchParams) => ComponentChildren;

const ROUTES: [RegExp, Render, NavKey | 'home' | null][] = [
  [/^#?\/?$/, (_m, p) => (homeNav() === 'overview' ? <OverviewPage params={p} /> : homeNav() === 'workbench' ? <WorkbenchPage params={p} /> : <PlansPage />), 'home'],
  [/^#\/workbench$/, (_m, p) => <WorkbenchPage params={p} />, 'workbench'],
  [/^#\/overview$/, (_m, p) => <OverviewPage params={p} />, 'overview'],
  [/^#\/review$/, (_m, p) => <ReportReviewPage params={p} />, 'review'],
  [/^#\/indicators$/, (_m, p) => <IndicatorsPage params={p} />, 'indicators'],
  [/^#\/reports$/, () => <ReportsPage />, 'reports'],
  [/^#\/notifications$/, (_m, p) => <NotificationsPage params={p} />, 'notifications'],
  [/^#\/admin$/, () => <AdminPage />, 'admin'],
  [/^#\/password$/, () => <PasswordPage />, null],
  [/^#\/inbox$/, (_m, p) => <InboxPage params={p} />, null],
  [/^#\/plans$/, () => <PlansPage />, 'plans'],
  [/^#\/plans\/(\d+)$/, (m) => <PlanPage id={m[1] ?? ''} />, 'plans'],
  [/^#\/items$/, (_m, p) => <ItemSearchPage params={p} />, 'items'],
  [/^#\/items\/(\d+)$/, (m) => <ItemPage id={m[1] ?? ''} />, 'items'],
  [/^#\/import$/, () => <ImportPage />, 'import'],
];

function resolve(hash: string): { page: ComponentChildren; nav: NavKey | null } {
  const [path, search] = hash.split('?');
  const params = new URLSearchParams(search ?? '');
  for (const [re, render, nav] of ROUTES) {
    const m = re.exec(path || '#/');
    if (m) return { page: render(m, params), nav: nav === 'home' ? homeNav() : nav };
  }
  return {
    page: (
      <>
        <PageTitle text="页面不存在" />
        <p>
          <a href="#/">返回首页</a>
        </p>
      </>
    ),
    nav: null,
  };
}

function UserBox({ onSignedOut }: { onSignedOut: () => void }) {
  const user = session.user;
  if (!user) return <div id="user" />;
  return (
    <div id="user">
      <NotificationBell />
      <span class="who">
        {user.displayName || user.username}
        <span class="role">{ROLE_LABELS[user.role] ?? user.role}</span>
      </span>
      <a href="#/password" class="hide-sm">
        修改密码
      </a>
      <button
        type="button"
        class="link"
        onClick={async () => {
          await post('/api/auth/logout').catch(() => undefined);
          session.user = null;
          sessionChanged();
          location.hash = '#/';
          await signIn();
          onSignedOut();
        }}
      >
        退出
      </button>
    </div>
  );
}

/** Catches a page that fails to draw, so the frame stays usable. */
function PageBoundary({ children }: { children: ComponentChildren }) {
  const [error] = useErrorBoundary();
  return error ? <ErrorBox error={error} /> : children;
}

/** The frame; `ready` once the user is known (before, while signing in, the page says it is loading). */
export function Shell({ ready = true }: { ready?: boolean }) {
  const [hash, setHash] = useState(location.hash);
  const [nonce, setNonce] = useState(0);
  const [, setUserTick] = useState(0);
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    window.addEventListener('hashchange', onHash);
    const off = onSessionChange(() => setUserTick((t) => t + 1));
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, []);
  useEffect(() => {
    setMenuOpen(false);
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [hash, nonce]);
  const { page, nav } = resolve(hash);
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          督办
        </a>
        <button class="menu-toggle" type="button" aria-label="菜单" aria-expanded={menuOpen ? 'true' : 'false'} aria-controls="nav" onClick={() => setMenuOpen((o) => !o)}>
          ☰
        </button>
        <nav id="nav" aria-label="主导航" class={menuOpen ? 'open' : ''}>
          {NAV.map(([key, label]) => (
            <a key={key} href={`#/${key}`} data-nav={key} class={nav === key ? 'active' : undefined} aria-current={nav === key ? 'page' : undefined} hidden={!navVisible(key)}>
              {label}
            </a>
          ))}
        </nav>
        <UserBox onSignedOut={() => setNonce((n) => n + 1)} />
      </header>
      <main id="app" tabIndex={-1} ref={main}>
        {ready ? <PageBoundary key={`${hash}#${nonce}`}>{page}</PageBoundary> : <p class="muted">正在加载…</p>}
      </main>
    </>
  );
}
