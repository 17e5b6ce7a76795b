import type { ServerResponse } from 'node:http';
import { UnknownModelError } from '../errors.ts';
import { sendJson } from './respond.ts';
import type { RouteTable } from './route-table.ts';

/** Where OpenAI's "retrieve model" route starts: `GET /v1/models/{model}`. */
export const MODEL_PATH_PREFIX = '/v1/models/';

/** The OpenAI `model` objects of the served models, in config order, by id. */
export function modelObjects(routes: RouteTable): Map<string, string> {
  const objects = new Map<string, string>();
  for (const { id, upstream } of routes.models())
    objects.set(id, JSON.stringify({ id, object: 'model', created: 0, owned_by: upstream }));
  return objects;
}

/** `GET /v1/models`: the served models as an OpenAI list. */
export function modelListBody(objects: ReadonlyMap<string, string>): string {
  return `{"object":"list","data":[${[...objects.values()].join(',')}]}`;
}

/**
 * `GET /v1/models/{model}`: one served model. The id is percent-decoded (the OpenAI SDK encodes
 * a `/` in `Qwen/Qwen2.5` as `%2F`; a raw `/` is taken as it is); an unknown or undecodable id
 * is a 404 `model_not_found`, as OpenAI answers it.
 */
export function sendModel(
  res: ServerResponse,
  path: string,
  objects: ReadonlyMap<string, string>,
): void {
  const raw = path.slice(MODEL_PATH_PREFIX.length);
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    throw new UnknownModelError(raw);
  }
  const body = objects.get(id);
  if (body === undefined) throw new UnknownModelError(id);
  sendJson(res, 200, body);
}
