/**
 * Refusing folders where the database cannot be kept safely: network filesystems
 * (SMB/CIFS, NFS and the like), where SQLite's write-ahead log cannot work because it
 * needs memory shared between every program using the file, and cloud-synced folders,
 * which upload a half-written file and can bring an old copy back over a new one.
 *
 * The filesystem is asked of the operating system (Linux: statfs and the mount table;
 * macOS: the mount table; Windows: UNC paths). Tests fake those answers through `probe`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statfsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { PlwError } from '../errors';

export interface FilesystemProbe {
  platform: NodeJS.Platform;
  /** statfs f_type of the folder (Linux), or null when it cannot be asked. */
  statfsType(folder: string): number | null;
  /** Mount points and their filesystem types, e.g. [{ mountPoint: '/mnt/team', type: 'cifs' }]. */
  mounts(): { mountPoint: string; type: string }[];
}

/** Linux statfs magic numbers of network filesystems (from linux/magic.h and the filesystems' sources). */
const NETWORK_MAGIC = new Map<number, string>([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'SMB/CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NetWare'],
  [0x01021997, '9P (a shared folder of a virtual machine or WSL)'],
  [0x00c36400, 'Ceph'],
  [0x01161970, 'GFS2'],
  [0x7461636f, 'OCFS2'],
  [0x0bd00bd0, 'Lustre'],
]);

/** Mount-table types of network filesystems, including FUSE ones that share one magic number with local FUSE. */
const NETWORK_TYPES = new Map<string, string>([
  ['nfs', 'NFS'],
  ['nfs4', 'NFS'],
  ['cifs', 'SMB/CIFS'],
  ['smb3', 'SMB/CIFS'],
  ['smbfs', 'SMB/CIFS'],
  ['afpfs', 'AFP'],
  ['webdav', 'WebDAV'],
  ['davfs', 'WebDAV'],
  ['9p', '9P (a shared folder of a virtual machine or WSL)'],
  ['ceph', 'Ceph'],
  ['glusterfs', 'GlusterFS'],
  ['fuse.glusterfs', 'GlusterFS'],
  ['fuse.sshfs', 'SSHFS'],
  ['fuse.rclone', 'rclone (a cloud drive)'],
  ['fuse.gvfsd-fuse', 'a network share opened in the file manager'],
  ['fuse.s3fs', 'S3'],
  ['fuse.davfs2', 'WebDAV'],
  ['fuse.onedriver', 'OneDrive'],
  ['fuse.google-drive-ocamlfuse', 'Google Drive'],
]);

/** Folder names that desktop sync clients create; matched as whole path components. */
const CLOUD_FOLDERS: [RegExp, string][] = [
  [/^dropbox( \(.+\))?$/i, 'Dropbox'],
  [/^onedrive( - .+)?$/i, 'OneDrive'],
  [/^(google drive|my drive|googledrive)$/i, 'Google Drive'],
  [/^(icloud drive|mobile documents|icloud~.+)$/i, 'iCloud Drive'],
  [/^cloudstorage$/i, 'a cloud storage provider'],
  [/^box( sync)?$/i, 'Box'],
  [/^(nextcloud|owncloud)$/i, 'Nextcloud/ownCloud'],
  [/^pcloud drive$/i, 'pCloud'],
];

export const realProbe: FilesystemProbe = {
  platform: process.platform,
  statfsType(folder) {
    try {
      return statfsSync(folder).type;
    } catch {
      return null;
    }
  },
  mounts() {
    try {
      if (process.platform === 'linux') return parseLinuxMountInfo(readFileSync('/proc/self/mountinfo', 'utf8'));
      if (process.platform === 'darwin') return parseBsdMount(execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 5000 }));
    } catch {
      /* no mount table to read: statfs and the path rules still apply */
    }
    return [];
  },
};

/** /proc/self/mountinfo: field 5 is the mount point; after the " - " separator comes the type. */
export function parseLinuxMountInfo(text: string): { mountPoint: string; type: string }[] {
  return text
    .split('\n')
    .filter((line) => line.includes(' - '))
    .map((line) => {
      const [before, after] = line.split(' - ') as [string, string];
      const mountPoint = unescapeOctal(before.split(' ')[4] ?? '');
      return { mountPoint, type: after.split(' ')[0] ?? '' };
    });
}

/** macOS `mount`: "//user@server/share on /Volumes/share (smbfs, nodev, …)". */
export function parseBsdMount(text: string): { mountPoint: string; type: string }[] {
  return text
    .split('\n')
    .map((line) => /^.+? on (.+) \(([^,)]+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ mountPoint: m[1]!, type: m[2]! }));
}

function unescapeOctal(value: string): string {
  return value.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * The folder with links resolved as far as it exists (a folder about to be made is judged
 * by where it will be), and the nearest part of it that exists, for statfs.
 */
function resolveFolder(path: string): { folder: string; existing: string } {
  const wanted = resolve(path);
  let existing = wanted;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    /* judged as written */
  }
  return { folder: join(real, relative(existing, wanted)), existing: real };
}

/** Why the folder holding `databasePath` is unsafe for it, or null when it is fine. */
export function unsafeLocationReason(databasePath: string, probe: FilesystemProbe = realProbe): string | null {
  const { folder, existing } = resolveFolder(dirname(resolve(databasePath)));
  if (probe.platform === 'win32' && /^(\\\\|\/\/)/.test(databasePath.replace(/^\\\\\?\\UNC\\/, '\\\\'))) {
    return 'a network share (SMB)';
  }
  const magic = probe.platform === 'linux' ? probe.statfsType(existing) : null;
  if (magic !== null && NETWORK_MAGIC.has(magic >>> 0)) return `a network drive (${NETWORK_MAGIC.get(magic >>> 0)})`;
  const mount = probe
    .mounts()
    .filter((m) => folder === m.mountPoint || folder.startsWith(m.mountPoint.endsWith(sep) ? m.mountPoint : `${m.mountPoint}${sep}`))
    .sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0];
  if (mount && NETWORK_TYPES.has(mount.type)) return `a network drive (${NETWORK_TYPES.get(mount.type)})`;
  for (const component of folder.split(/[\\/]/)) {
    const cloud = CLOUD_FOLDERS.find(([pattern]) => pattern.test(component));
    if (cloud) return `a folder synced to ${cloud[1]}`;
  }
  return null;
}

/** Refuses, with the reason and what to do, a database place that is not safe. */
export function requireSafeLocation(databasePath: string, probe: FilesystemProbe = realProbe): void {
  const reason = unsafeLocationReason(databasePath, probe);
  if (!reason) return;
  throw new PlwError(
    'UNSUPPORTED_LOCATION',
    `The team database cannot be kept in ${reason}. ` +
      'It must be on a disk of the computer that runs the app: over a network or a sync service its write-ahead log cannot work, ' +
      'two computers could change it at once, and a half-written copy could be synced back over good data. ' +
      'Choose or move it to a folder on this computer. Backups may still go to a network drive. ' +
      'To share one database across a team’s computers, run a team server on one of them (plw serve) and choose "Connect to a team server" on the others.',
  );
}
