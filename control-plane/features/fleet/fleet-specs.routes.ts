import { Hono } from 'hono';
import { assignmentSpecSchema, fleetSpecSchema, parseOrThrow, resourceNameSchema } from '../../../protocol/index.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { FleetFeature } from './fleet-feature.ts';

const nameOf = (param: string) => parseOrThrow(resourceNameSchema, param, 'name');

/** `/v1/fleets`: named label selectors. PUT creates (201) or replaces (200). */
export function createFleetRoutes(deps: { fleet: Pick<FleetFeature, 'specs'> }) {
  const { specs } = deps.fleet;
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ fleets: specs.listFleets() }))
    .get('/:name', (c) => c.json(specs.getFleet(nameOf(c.req.param('name')))))
    .put('/:name', async (c) => {
      const name = nameOf(c.req.param('name'));
      const body = parseOrThrow(fleetSpecSchema, await c.req.json(), 'fleet spec');
      const { fleet, created } = specs.putFleet(name, body, c.get('principal'));
      return c.json(fleet, created ? 201 : 200);
    })
    .delete('/:name', (c) => {
      specs.deleteFleet(nameOf(c.req.param('name')), c.get('principal'));
      return c.body(null, 204);
    });
}

/** `/v1/assignments`: selector or fleet -> model at an alias or version. PUT creates (201) or replaces (200). */
export function createAssignmentRoutes(deps: { fleet: Pick<FleetFeature, 'specs'> }) {
  const { specs } = deps.fleet;
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ assignments: specs.listAssignments() }))
    .get('/:name', (c) => c.json(specs.getAssignment(nameOf(c.req.param('name')))))
    .put('/:name', async (c) => {
      const name = nameOf(c.req.param('name'));
      const body = parseOrThrow(assignmentSpecSchema, await c.req.json(), 'assignment spec');
      const { assignment, created } = specs.putAssignment(name, body, c.get('principal'));
      return c.json(assignment, created ? 201 : 200);
    })
    .delete('/:name', (c) => {
      specs.deleteAssignment(nameOf(c.req.param('name')), c.get('principal'));
      return c.body(null, 204);
    });
}
