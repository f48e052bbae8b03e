// Drives a schema registry with Confluent's own JavaScript client and Avro serde.
// Usage: node confluent-client-check.mjs <registry-url> <workdir> [user:password]
// Reads <workdir>/java.bin (Confluent wire format, written by the Java test), writes
// <workdir>/js.bin and prints one JSON object with what it observed; exits non-zero on any
// unexpected failure. Checks are left to the Java side, which knows what it wrote.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType,
} from '@confluentinc/schemaregistry';

const [url, workdir, userInfo] = process.argv.slice(2);
if (!url || !workdir) {
  console.error('usage: node confluent-client-check.mjs <registry-url> <workdir> [user:password]');
  process.exit(2);
}

const config = { baseURLs: [url], maxRetries: 0 };
if (userInfo) {
  config.basicAuthCredentials = { credentialsSource: 'USER_INFO', userInfo };
}
const client = new SchemaRegistryClient(config);

const v1 = {
  type: 'record', name: 'JsPeer', namespace: 'io.peerpulse.test',
  fields: [{ name: 'name', type: 'string' }, { name: 'count', type: 'int' }],
};
// Adds a field without a default: new readers cannot read old data, so BACKWARD rejects it.
const incompatible = {
  ...v1, fields: [...v1.fields, { name: 'extra', type: 'long' }],
};
const avro = (schema) => ({ schemaType: 'AVRO', schema: JSON.stringify(schema) });

const out = {};
out.registeredId = await client.register('js-check-value', avro(v1));
out.lookup = await client.getIdFullResponse('js-check-value', avro(v1));
out.latest = await client.getLatestSchemaMetadata('js-check-value');
out.otherSubjectId = await client.register('js-check-other-value', avro(v1));
out.subjects = await client.getAllSubjects();
out.versions = await client.getAllVersions('js-check-value');
out.compatibleWithLatest = await client.testSubjectCompatibility('js-check-value', avro(incompatible));
try {
  await client.register('js-check-value', avro(incompatible));
  out.incompatible = { rejected: false };
} catch (e) {
  out.incompatible = { rejected: true, status: e.status, errorCode: e.errorCode, message: e.message };
}

const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true });
const jsValue = { name: 'from-js', count: 42 };
const jsBytes = await serializer.serialize('js-topic', jsValue);
await writeFile(path.join(workdir, 'js.bin'), jsBytes);
out.jsValue = jsValue;
out.jsSchemaIdInBytes = jsBytes.readInt32BE(1);

const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
const javaBytes = await readFile(path.join(workdir, 'java.bin'));
out.javaValue = await deserializer.deserialize('java-topic', javaBytes);

console.log(JSON.stringify(out));
