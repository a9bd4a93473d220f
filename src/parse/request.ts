import { findAction, isKnownService, resourceType, suggestAction } from '../catalog';
import { splitArn, type ContextValue, type Request } from '../model';

/** Why a request cannot be evaluated; `field` names the part of the request. */
export interface RequestProblem {
  readonly code: 'invalid-request' | 'invalid-principal' | 'unknown-action' | 'invalid-arn' | 'resource-type-mismatch' | 'invalid-context' | 'ambiguous-context-key';
  readonly field: string;
  readonly message: string;
  readonly help?: string;
}

export type RequestParseResult = { readonly request: Request } | { readonly problems: readonly RequestProblem[] };

const PRINCIPAL = /^arn:[a-z-]+:(iam::\d{12}:(root|user\/.+|role\/.+)|sts::\d{12}:(assumed-role\/[^/]+\/.+|federated-user\/.+))$/;

function templateRegex(template: string): RegExp {
  const pieces = template.split(/(\$\{[^}]+\})/);
  const last = pieces.length - 1;
  const body = pieces
    .map((p, i) => (p.startsWith('${') ? (i >= last - 1 ? '.+' : '[^:]+') : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

const templateCache = new Map<string, RegExp>();
const ACTION_NAME = /^[A-Za-z0-9-]+:[A-Za-z0-9]+$/;
const WILDCARD = /[*?]/;
const REQUEST_FIELDS = ['principal', 'action', 'resource', 'context'];

/**
 * Principal ARNs already found valid. Batches name the same few callers case after case; the table is
 * emptied when it reaches its bound, so it never grows with the input.
 */
const validPrincipals = new Set<string>();
const MAX_REMEMBERED_PRINCIPALS = 1024;

function isPrincipalArn(principal: unknown): principal is string {
  if (typeof principal !== 'string') return false;
  if (validPrincipals.has(principal)) return true;
  if (!PRINCIPAL.test(principal)) return false;
  if (principal.length <= 256) {
    if (validPrincipals.size >= MAX_REMEMBERED_PRINCIPALS) validPrincipals.clear();
    validPrincipals.add(principal);
  }
  return true;
}

function scalar(x: unknown): string | undefined {
  return typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined;
}

/** Validates a decoded request object and builds the engine's Request. */
export function parseRequest(value: unknown): RequestParseResult {
  const problems: RequestProblem[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problems: [{ code: 'invalid-request', field: 'request', message: '`request` must be an object with `principal`, `action`, `resource` and `context`' }] };
  }
  const r = value as Record<string, unknown>;
  for (const key of Object.keys(r)) {
    if (!REQUEST_FIELDS.includes(key)) problems.push({ code: 'invalid-request', field: key, message: `unknown request field \`${key}\``, help: 'a request has `principal`, `action`, `resource` and `context`' });
  }

  const principal = r.principal;
  if (!isPrincipalArn(principal)) {
    problems.push({
      code: 'invalid-principal',
      field: 'principal',
      message: `\`${String(principal)}\` is not a principal ARN`,
      help: 'use an IAM user (`arn:aws:iam::111122223333:user/alice`), role, `arn:aws:sts::…:assumed-role/Role/session`, federated user or root ARN',
    });
  }

  const action = r.action;
  const known = typeof action === 'string' ? findAction(action) : undefined;
  if (typeof action !== 'string' || !ACTION_NAME.test(action)) {
    problems.push({ code: 'unknown-action', field: 'action', message: `\`${String(action)}\` is not an action name: a request names one action as \`service:Action\`, without wildcards` });
  } else if (!known) {
    const suggestion = suggestAction(action);
    const service = action.split(':')[0]!;
    problems.push({
      code: 'unknown-action',
      field: 'action',
      message: isKnownService(service) ? `unknown action \`${action}\`` : `unknown service prefix \`${service}\` in \`${action}\``,
      ...(suggestion ? { help: `did you mean \`${suggestion}\`?` } : {}),
    });
  }

  const resource = r.resource;
  if (typeof resource !== 'string' || (resource !== '*' && (splitArn(resource) === undefined || WILDCARD.test(resource)))) {
    problems.push({ code: 'invalid-arn', field: 'resource', message: `\`${String(resource)}\` is not a resource ARN`, help: 'write a full ARN such as `arn:aws:mq:us-east-1:111122223333:broker:orders:b-1234`, or `*` for actions that take no resource' });
  } else if (known?.details && resource !== '*') {
    const types = known.details.resourceTypes;
    if (types.length === 0) {
      problems.push({ code: 'resource-type-mismatch', field: 'resource', message: `\`${known.qualified}\` takes no resource (it is authorized against \`*\`), but the request names \`${resource}\``, help: 'use `"resource": "*"`' });
    } else {
      const matches = types.some((t) => {
        const rt = resourceType(known.service, t.name);
        if (!rt) return false;
        let re = templateCache.get(rt.arn);
        if (!re) templateCache.set(rt.arn, (re = templateRegex(rt.arn)));
        return re.test(resource);
      });
      if (!matches) {
        const formats = types.map((t) => resourceType(known.service, t.name)?.arn).filter(Boolean).map((a) => `\`${a}\``).join(' or ');
        problems.push({ code: 'resource-type-mismatch', field: 'resource', message: `\`${resource}\` is not a resource of \`${known.qualified}\``, help: `use ${formats}` });
      }
    }
  }

  const context = new Map<string, ContextValue>();
  const spelling = new Map<string, string>();
  const rawContext = r.context ?? {};
  if (typeof rawContext !== 'object' || rawContext === null || Array.isArray(rawContext)) {
    problems.push({ code: 'invalid-context', field: 'context', message: '`context` must be an object of key → value' });
  } else {
    const entries = rawContext as Record<string, unknown>;
    for (const key of Object.keys(entries)) {
      const v = entries[key];
      const lower = key.toLowerCase();
      if (spelling.has(lower)) {
        problems.push({ code: 'ambiguous-context-key', field: `context.${key}`, message: `context keys \`${spelling.get(lower)}\` and \`${key}\` are the same key (key names ignore case)`, help: 'keep one of them' });
        continue;
      }
      let value: ContextValue | undefined;
      if (Array.isArray(v)) {
        const items = v.map(scalar);
        if (items.every((x): x is string => x !== undefined)) value = items;
      } else value = scalar(v);
      if (value === undefined) {
        problems.push({ code: 'invalid-context', field: `context.${key}`, message: `context value of \`${key}\` must be a string (or number or boolean) or an array of strings, not \`${JSON.stringify(v)}\``, help: 'leave a key out to say it is absent' });
        continue;
      }
      spelling.set(lower, key);
      context.set(lower, value);
    }
  }
  if (problems.length > 0) return { problems };
  return { request: { principal: principal as string, action: action as string, resource: resource as string, context, contextKeySpelling: spelling } };
}
