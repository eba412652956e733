import { VENDORS } from '../../src/registry/vendors.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { RequestValidator } from '../../src/validation/request-validator.js';
import { packagePath } from '../../src/config/package-paths.js';

describe('every document', () => {
  it('compiles: every operation’s request check, now rather than on first use', async () => {
    const specs = await Promise.all([
      ...VENDORS.map((vendor) => loadSpec(vendor.name, vendor.specPath)),
      loadSpec('sandbox', packagePath('openapi', 'sandbox.yaml')),
    ]);
    const validator = new RequestValidator(specs);
    let compiled = 0;
    for (const spec of specs) {
      expect(spec.operations.length).toBeGreaterThan(0);
      for (const operation of spec.operations) {
        expect(() => validator.compileNow(operation)).not.toThrow();
        compiled++;
      }
    }
    expect(compiled).toBeGreaterThan(20);
  });
});
