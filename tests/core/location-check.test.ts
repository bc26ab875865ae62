/**
 * The database is refused on network filesystems and cloud-synced folders, where
 * SQLite's write-ahead log cannot work and two computers could write at once. The
 * operating system's answers (statfs type, mount table, platform) are faked here.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBsdMount, parseLinuxMountInfo, requireSafeLocation, unsafeLocationReason, type FilesystemProbe } from '../../electron/core/db/location-check';
import { createTeamDatabase } from '../../electron/core/team/create';
import { ADMIN, ADMIN_PASSPHRASE, tempFolder } from './helpers';

function linux(statfsType: number, mounts: { mountPoint: string; type: string }[] = [{ mountPoint: '/', type: 'ext4' }]): FilesystemProbe {
  return { platform: 'linux', statfsType: () => statfsType, mounts: () => mounts };
}
const EXT4 = 0xef53;

describe('where the database may be kept', () => {
  it.each([
    ['SMB/CIFS', 0xff534d42],
    ['SMB2', 0xfe534d42],
    ['SMB', 0x517b],
    ['NFS', 0x6969],
    ['9P', 0x01021997],
  ])('refuses %s by its statfs type', (name, magic) => {
    expect(unsafeLocationReason('/srv/team/team.plwdb', linux(magic))).toMatch(new RegExp(`^a network drive \\(${name.replace('/', '\\/')}`));
  });

  it('refuses network mounts that share a type number with local ones (FUSE), by the mount table', () => {
    const mounts = parseLinuxMountInfo(
      [
        '22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw',
        '95 22 0:48 / /home/sam/team\\040share rw,nosuid shared:50 - fuse.sshfs sam@server:/share rw,user_id=1000',
        '96 22 0:49 / /media/usb rw shared:51 - fuseblk /dev/sdb1 rw',
      ].join('\n'),
    );
    expect(mounts).toContainEqual({ mountPoint: '/home/sam/team share', type: 'fuse.sshfs' });
    const fuse = { ...linux(0x65735546), mounts: () => mounts };
    expect(unsafeLocationReason('/home/sam/team share/plw/team.plwdb', fuse)).toBe('a network drive (SSHFS)');
    // A USB stick through FUSE (ntfs-3g) is a local disk.
    expect(unsafeLocationReason('/media/usb/team.plwdb', fuse)).toBeNull();
    expect(unsafeLocationReason('/home/sam/plw/team.plwdb', fuse)).toBeNull();
  });

  it('reads the macOS mount table and refuses SMB, AFP and WebDAV volumes', () => {
    const mounts = parseBsdMount(
      '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n//sam@fileserver/Team on /Volumes/Team (smbfs, nodev, nosuid, mounted by sam)\n',
    );
    const mac: FilesystemProbe = { platform: 'darwin', statfsType: () => null, mounts: () => mounts };
    expect(unsafeLocationReason('/Volumes/Team/PLW/team.plwdb', mac)).toBe('a network drive (SMB/CIFS)');
    expect(unsafeLocationReason('/Users/sam/PLW/team.plwdb', mac)).toBeNull();
  });

  it('refuses a Windows network share path', () => {
    const windows: FilesystemProbe = { platform: 'win32', statfsType: () => null, mounts: () => [] };
    expect(unsafeLocationReason('\\\\fileserver\\team\\team.plwdb', windows)).toBe('a network share (SMB)');
    expect(unsafeLocationReason('\\\\?\\UNC\\fileserver\\team\\team.plwdb', windows)).toBe('a network share (SMB)');
  });

  it.each([
    ['/home/sam/Dropbox/PLW/team.plwdb', 'Dropbox'],
    ['/home/sam/OneDrive - Probation Service/PLW/team.plwdb', 'OneDrive'],
    ['/Users/sam/Library/CloudStorage/GoogleDrive-sam/My Drive/team.plwdb', 'a cloud storage provider'],
    ['/Users/sam/Library/Mobile Documents/com~apple~CloudDocs/team.plwdb', 'iCloud Drive'],
  ])('refuses a cloud-synced folder: %s', (path, service) => {
    expect(unsafeLocationReason(path, linux(EXT4))).toBe(`a folder synced to ${service}`);
  });

  it('accepts a folder on a local disk', () => {
    expect(unsafeLocationReason('/home/sam/Documents/PLW/team.plwdb', linux(EXT4))).toBeNull();
    expect(() => requireSafeLocation('/home/sam/Documents/PLW/team.plwdb', linux(EXT4))).not.toThrow();
  });

  it('says why and what to do, and creating a database there makes nothing', async () => {
    expect(() => requireSafeLocation('/mnt/team/team.plwdb', linux(0xff534d42))).toThrow(
      /^The team database cannot be kept in a network drive \(SMB\/CIFS\)\. It must be on a disk of the computer that runs the app: .* Choose or move it to a folder on this computer\. Backups may still go to a network drive\. To share one database across a team’s computers, run a team server on one of them \(plw serve\) and choose "Connect to a team server" on the others\.$/,
    );
    const folder = join(tempFolder(), 'Dropbox', 'PLW');
    mkdirSync(folder, { recursive: true });
    await expect(
      createTeamDatabase({ databasePath: join(folder, 'team.plwdb'), teamName: 'T', accountName: ADMIN, passphrase: ADMIN_PASSPHRASE }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_LOCATION',
      message: expect.stringMatching(/^The team database cannot be kept in a folder synced to Dropbox\./),
    });
  });
});
