import { DoctorDeclarations } from '@localport/application';
import { HEALTH_CHECKS } from '../health-checks';
import { HealthCheckRegistry } from '../health/health-check-registry';
import { TECHNOLOGIES } from '../technologies';
import { TechnologyRegistry } from '../technology/technology-registry';

/**
 * What `localport doctor` runs per service, as the registered technologies (`doctor`) and health-check
 * types (`credentials`) declare it; the doctor itself never names a technology or a check type.
 */
export function registryDoctorDeclarations(technologies: TechnologyRegistry = TECHNOLOGIES, checks: HealthCheckRegistry = HEALTH_CHECKS): DoctorDeclarations {
  return {
    targetsOf: (service) => technologies.get(service.technology)?.doctor?.(service.connection) ?? [],
    credentialsOf: (check, host, port) => checks.get(check.type)?.credentials?.(check, host, port),
  };
}
