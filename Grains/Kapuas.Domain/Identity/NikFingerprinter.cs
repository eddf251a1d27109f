namespace Kapuas.Domain.Identity;

/// <summary>
/// Fingerprints NIKs with the installation's secret key, so that the read model can find and de-duplicate people by
/// NIK without storing it in the clear. Every process of one installation must use the same key.
/// </summary>
public sealed class NikFingerprinter
{
    private readonly byte[] key;

    public NikFingerprinter(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < 32)
        {
            throw new ArgumentException("The NIK fingerprint key must be at least 32 bytes.", nameof(key));
        }

        this.key = [.. key];
    }

    public byte[] Fingerprint(Nik nik) => nik.Fingerprint(key);
}
