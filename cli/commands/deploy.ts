// `zhuanban deploy`: deploys every model and form of processes/ in one deployment to the gateway the SDK's
// variables name (default grpc://localhost:26500); unchanged resources keep their version.
import { parseArgs } from './args';

export const summary = 'deploy processes/ (all .bpmn, .dmn and .form files in one deployment; --dir DIR)';

export async function run(args: string[]): Promise<void> {
  const opts = parseArgs(args, { dir: 'string' });
  const { createZeebeClient, gatewayAddress } = await import('../../workers/runtime/zeebe-client.js');
  const { deployProcesses, findProcessesDir } = await import('../system/deploy.js');
  const dir = (opts.dir as string | undefined) ?? findProcessesDir();
  console.log(`部署：${dir} → ${gatewayAddress()} …`);
  const zeebe = createZeebeClient();
  try {
    const deployed = await deployProcesses(zeebe, dir);
    for (const d of deployed) console.log(`  ${d.kind.padEnd(8)} ${d.id} v${d.version}  (${d.resourceName})`);
    console.log(`部署完成：${deployed.length} 个资源`);
  } finally {
    await zeebe.close();
  }
}
