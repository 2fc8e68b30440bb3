// A child process for the crash test: writes profiles through the store as fast as it can
// and reports each committed write on stdout, until it is killed.
import { Store } from '../../electron/core/store/store';
import { profileSchema } from '../../shared/domain/profile';
import { bulkyProfile } from './bulky-profile';

const [file, countText] = process.argv.slice(2);
const store = Store.open(file!);
const count = Number(countText);

for (let i = 0; i < count; i++) {
  // Eight environments and presets make each write span many pages of the WAL.
  const profile = profileSchema.parse(bulkyProfile(i, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']));
  store.profiles.putMany([profile]);
  // Rewrite an earlier profile too: a kill must never leave it half replaced.
  if (i > 0) store.profiles.replace(`p${i - 1}`, { ...profile, name: `p${i - 1}`, listen: `127.0.0.1:${10000 + i - 1}` });
  process.stdout.write(`${i}\n`);
}
store.close();
