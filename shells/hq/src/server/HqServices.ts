import type { AlertLoop } from '../alerts/AlertLoop.js';
import type { WebhookDispatcher } from '../alerts/WebhookDispatcher.js';
import type { HqContext } from '../app/HqContext.js';
import type { Distributor } from '../fleet/Distributor.js';
import type { NodeService } from '../fleet/NodeService.js';
import type { ReportService } from '../fleet/ReportService.js';
import type { RegistryService } from '../registry/RegistryService.js';
import type { ReleaseService } from '../registry/ReleaseService.js';
import type { HqAuth } from './auth.js';

/** What the route modules use. */
export interface HqServices {
  ctx: HqContext;
  auth: HqAuth;
  registry: RegistryService;
  releases: ReleaseService;
  nodes: NodeService;
  reports: ReportService;
  distributor: Distributor;
  alerts: AlertLoop;
  webhooks: WebhookDispatcher;
}
