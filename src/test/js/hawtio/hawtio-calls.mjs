// Replays what a stock Hawtio 4 (@hawtio/react 1.x, Hawtio 4.6) sends to a remote Jolokia agent when an operator
// uses Connect -> Camel tab -> Route Diagram, with the Jolokia client Hawtio ships (jolokia.js and
// @jolokia.js/simple 2.4.0, Hawtio's client options), then checks what the operator's role may change.
// Run by io.ghlsync.monitor.HawtioJolokiaClientTest; see docs/security.md for the gate it talks to.
//
// Environment:
//   JOLOKIA_URL          http://host:port/observe/jolokia (required)
//   JOLOKIA_USER, JOLOKIA_PASS   the operator account (HTTP Basic, what Hawtio's Connect login dialog sends)
//   AUTH_HEADERS         proxy (default): Authorization and X-Jolokia-Authorization, as the agent gets them
//                        behind the Hawtio server's /proxy servlet; x-jolokia: X-Jolokia-Authorization only,
//                        as Hawtio's browser side sends it; authorization: Authorization only
//   EXPECT               ops:read | ops:write | unauthenticated (every authenticated step must be HTTP 401)
//   CAMEL_CONTEXT_MBEAN  the Camel context's MBean; must show up in the list Hawtio loads (required)
//   THROTTLE_MBEAN       a throttle processor MBean (name ending in -throttle)
//   THROTTLE_PERIOD      the TimePeriodMillis value to write (sent as a string, as Hawtio's Attributes tab does)
//   ROUTE_MBEAN          a route MBean to stop (and, for ops:write, start again)
//   ENDPOINT_MBEAN       an endpoint MBean for browseAllMessagesAsXml (default: a seda endpoint found by search)
//
// Prints ONE JSON line: {"ok":..., "expect":..., "auth":..., "steps":{...}, "failures":[...]}; exits 1 when any
// step's result is not the expected one, 2 when the environment is incomplete.

import Jolokia from '@jolokia.js/simple'

const env = process.env
const URL_ = env.JOLOKIA_URL
const EXPECT = env.EXPECT ?? 'ops:read'
const AUTH_HEADERS = env.AUTH_HEADERS ?? 'proxy'
const CONTEXT = env.CAMEL_CONTEXT_MBEAN
const THROTTLE = env.THROTTLE_MBEAN
const PERIOD = env.THROTTLE_PERIOD
const ROUTE = env.ROUTE_MBEAN

const missing = ['JOLOKIA_URL', 'JOLOKIA_USER', 'JOLOKIA_PASS', 'CAMEL_CONTEXT_MBEAN', 'THROTTLE_MBEAN',
  'THROTTLE_PERIOD', 'ROUTE_MBEAN'].filter(k => !env[k])
if (missing.length > 0 || !['ops:read', 'ops:write', 'unauthenticated'].includes(EXPECT)
    || !['proxy', 'x-jolokia', 'authorization'].includes(AUTH_HEADERS)) {
  console.log(JSON.stringify({ ok: false, failures: [`bad environment: missing ${missing.join(', ') || '-'}, `
    + `EXPECT=${EXPECT}, AUTH_HEADERS=${AUTH_HEADERS}`] }))
  process.exit(2)
}

const basic = 'Basic ' + Buffer.from(`${env.JOLOKIA_USER}:${env.JOLOKIA_PASS}`).toString('base64')
// io.hawt.web.proxy.ProxyServlet sets Authorization from the browser's X-Jolokia-Authorization and forwards that
// header too (it is not hop-by-hop). The username/password options of jolokia.js need window.btoa: not in Node.
const headers = {
  proxy: { Authorization: basic, 'X-Jolokia-Authorization': basic },
  'x-jolokia': { 'X-Jolokia-Authorization': basic },
  authorization: { Authorization: basic },
}[AUTH_HEADERS]

// jolokia-service.ts DEFAULT_JOLOKIA_OPTIONS (Hawtio 4): every request is a POST to <url>/?<these as query>.
const HAWTIO_OPTS = {
  method: 'post',
  mimeType: 'application/json',
  maxCollectionSize: 50000,
  maxDepth: 7,
  canonicalNaming: false,
  ignoreErrors: true,
}

const steps = {}
const failures = []
const authenticated = EXPECT !== 'unauthenticated'
const writer = EXPECT === 'ops:write'

/** Runs one call; records its value or its HTTP / Jolokia error. A non-200 HTTP answer is thrown as a Response. */
async function call(fn) {
  try {
    const value = await fn()
    return { http: 200, value }
  } catch (e) {
    if (e instanceof Response) {
      return { http: e.status, wwwAuthenticate: e.headers.get('www-authenticate'), body: await e.text() }
    }
    return { http: null, error: String(e?.message ?? e) }
  }
}

/** A Jolokia response object as is (status, value or error): for requests whose refusal is the expected result. */
function full(client, request, options = {}) {
  return call(() => client.request(request, { method: 'post', ...options }))
}

function expect(name, result, check, description) {
  let passed
  if (!authenticated) {
    // Wrong credentials: the gate must answer every request 401 with a Basic challenge, before Jolokia runs.
    passed = result.http === 401 && /^Basic /i.test(result.wwwAuthenticate ?? '')
    description = 'HTTP 401 with WWW-Authenticate: Basic'
  } else {
    try {
      passed = result.http === 200 && check(result.value) === true
    } catch (e) {
      passed = false
    }
  }
  steps[name] = { ...result, passed }
  if (!passed) {
    failures.push(`${name}: expected ${description}`)
  }
  return result.value
}

const status = code => r => r?.status === code
const isRefused = r => r?.status === 403 && r?.error_type === 'java.lang.SecurityException'

async function main() {
  // 1. Connect tab reachability probe (connect-service.ts testConnection): raw fetch, no trailing slash, no
  //    credentials. 401 is what Hawtio shows as "reachable (auth needed)"; it needs the Basic challenge to log in.
  const probe = await call(async () => {
    const r = await fetch(URL_, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: 'version' }),
    })
    throw r
  })
  steps.probe = { ...probe, passed: probe.http === 401 && /^Basic realm=/i.test(probe.wwwAuthenticate ?? '') }
  if (!steps.probe.passed) failures.push('probe: expected HTTP 401 with WWW-Authenticate: Basic realm=...')

  // 2. Login dialog (connect-service.ts login -> createJolokia(connection, true)): version, fewer options.
  const login = new Jolokia({ url: URL_, method: 'post', mimeType: 'application/json', headers })
  expect('loginVersion', await call(() => login.request({ type: 'version' })),
    v => v.status === 200 && typeof v.value.agent === 'string', 'a version answer')

  // 3. The long-lived client (jolokia-service.ts createJolokia / checkListOptimisation).
  const j = new Jolokia({ url: URL_, ...HAWTIO_OPTS, headers })
  const version = expect('version', await call(() => j.version()),
    v => typeof v.protocol === 'string', 'the agent version')
  // Hawtio probes for its optimised-list MBean; a plain Jolokia answers "No MBean ... found" (status 400 or 404),
  // which Hawtio only logs. A refusal (401/403) here would be wrong.
  expect('listRbacRegistry', await full(j, { type: 'list', path: 'hawtio/type=security,name=RBACRegistry' }),
    v => v.status === 200 || ((v.status === 400 || v.status === 404) && /No MBean/.test(v.error)),
    'status 200, or 400/404 "No MBean", not a refusal')

  // 4. JMX tree (workspace.ts loadTree): native list with listCache when the protocol is 8.0 or newer.
  const native = parseFloat(version?.protocol ?? '0') >= 8.0
  const tree = expect('list', await call(() => j.list({ maxDepth: 9, ignoreErrors: true,
    ...(native ? { listCache: true } : {}) })), v => {
    const camel = v?.domains?.['org.apache.camel'] ?? v?.['org.apache.camel']
    return camel != null && Object.keys(camel).some(k => `org.apache.camel:${k}` === CONTEXT)
  }, `the JMX tree with ${CONTEXT}`)
  if (steps.list.value) {
    // the tree is large; what the test needs is which Camel contexts it shows
    const camel = tree?.domains?.['org.apache.camel'] ?? tree?.['org.apache.camel'] ?? {}
    steps.list.value = { listCache: native, camelContexts: Object.keys(camel).filter(k => /(^|,)type=context(,|$)/.test(k)) }
  }

  // 5. rbac tree processor: looks for an ACL MBean; none -> client-side RBAC off, the server decides.
  expect('searchAcl', await call(() => j.search('*:type=security,area=jmx,*')), v => Array.isArray(v), 'a list')

  // 6. camel tree processor, per context: CamelVersion, then the routes' XML (the Route Diagram is drawn from it).
  expect('camelVersion', await call(() => j.getAttribute(CONTEXT, 'CamelVersion')),
    v => /^4\./.test(v), 'a Camel 4 version')
  expect('dumpRoutesAsXml', await call(() => j.execute(CONTEXT, 'dumpRoutesAsXml()')),
    v => typeof v === 'string' && v.includes('<route'), 'the routes as XML')

  // 7. Route Diagram (RouteDiagram.tsx, every 2 s): bare operation name, arguments [true, true].
  expect('dumpRoutesStatsAsXml', await call(() => j.execute(CONTEXT, 'dumpRoutesStatsAsXml', true, true)),
    v => typeof v === 'string' && v.includes('<camelContextStat'), 'the route statistics as XML')

  // 8. Hawtio's poller sends its jobs as one array: a refused request must not break the others.
  expect('bulk', await call(() => j.request([
    { type: 'read', mbean: CONTEXT, attribute: 'CamelVersion' },
    { type: 'exec', mbean: CONTEXT, operation: 'dumpRoutesStatsAsXml', arguments: [true, true] },
    { type: 'exec', mbean: THROTTLE, operation: 'setTimePeriodMillis(long)', arguments: [PERIOD] },
  ], { method: 'post' })), v => Array.isArray(v) && v.length === 3 && v[0].status === 200 && v[1].status === 200
    && isRefused(v[2]), 'HTTP 200 with statuses [200, 200, 403]')

  // 9. Attributes tab edit (jolokia-service.ts writeAttribute): the value travels as a string.
  expect('throttleBefore', await call(() => j.getAttribute(THROTTLE, 'TimePeriodMillis')),
    v => typeof v === 'number', 'the throttle period')
  expect('writeThrottle', await full(j, { type: 'write', mbean: THROTTLE, attribute: 'TimePeriodMillis', value: PERIOD }),
    writer ? status(200) : isRefused, writer ? 'status 200' : 'status 403 (SecurityException)')
  expect('throttleAfter', await call(() => j.getAttribute(THROTTLE, 'TimePeriodMillis')),
    v => writer ? String(v) === PERIOD : String(v) === String(steps.throttleBefore.value),
    writer ? `the new period ${PERIOD}` : 'the period unchanged')

  // 10. Routes tab / Route Diagram switch: route stop (and start), routes-service.ts.
  expect('stopRoute', await full(j, { type: 'exec', mbean: ROUTE, operation: 'stop()', arguments: [] }),
    writer ? status(200) : isRefused, writer ? 'status 200' : 'status 403 (SecurityException)')
  expect('routeStateAfterStop', await call(() => j.getAttribute(ROUTE, 'State')),
    v => v === (writer ? 'Stopped' : 'Started'), writer ? 'Stopped' : 'Started')
  if (writer) {
    expect('startRoute', await full(j, { type: 'exec', mbean: ROUTE, operation: 'start()', arguments: [] }),
      status(200), 'status 200')
  }

  // 11. Not offered to anyone: message browsing (customers' data) and exec of a setter (a write in disguise).
  let endpoint = env.ENDPOINT_MBEAN
  if (!endpoint) {
    const found = await call(() => j.search(CONTEXT.replace(/,type=context,.*$/, ',type=endpoints,*')))
    endpoint = (found.value ?? []).find(n => n.includes('seda:')) ?? CONTEXT.replace(/,type=context,.*$/,
      ',type=endpoints,name="seda://sync-event"')
  }
  steps.endpoint = { value: endpoint, passed: true }
  expect('browseMessages', await full(j, { type: 'exec', mbean: endpoint,
    operation: 'browseAllMessagesAsXml(java.lang.Boolean)', arguments: [true] }), isRefused, 'status 403')
  expect('execSetter', await full(j, { type: 'exec', mbean: THROTTLE, operation: 'setTimePeriodMillis(long)',
    arguments: [PERIOD] }), isRefused, 'status 403')
  expect('throttleAfterSetter', await call(() => j.getAttribute(THROTTLE, 'TimePeriodMillis')),
    v => String(v) === String(steps.throttleAfter.value), 'the period unchanged by the refused setter')
}

try {
  await main()
} catch (e) {
  failures.push(`script error: ${e?.stack ?? e}`)
}
const ok = failures.length === 0
console.log(JSON.stringify({ ok, expect: EXPECT, auth: AUTH_HEADERS, client: 'jolokia.js 2.4.0', steps, failures }))
process.exit(ok ? 0 : 1)
