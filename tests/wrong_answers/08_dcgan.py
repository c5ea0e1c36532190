"""Plausible wrong answers to lecture 08's exercises; the test harness checks each makes its check cell fail."""

WRONG_ANSWERS = {
    1: [  # transposed_output_size(n, k, s) with padding="valid"
        ("the 'same'-padding size", "return n * s"),
        ("off by one at the end", "return (n - 1) * s + k - 1"),
        ("kernel and stride swapped", "return (n - 1) * k + s"),
    ],
    2: [  # n_generator_params, for kernel size 5
        (
            "the kernel-4 total copied from the summary",
            "n_generator_params = 558_913",
        ),
        (
            "batch normalisation counted with its 2 trainable numbers per feature only",
            "dense = LATENT_DIM * 7 * 7 * 128\n"
            "bn_dense = 2 * 7 * 7 * 128\n"
            "conv1 = 5 * 5 * 128 * 64 + 64\n"
            "bn_conv1 = 2 * 64\n"
            "conv2 = 5 * 5 * 64 * 1 + 1\n"
            "n_generator_params = dense + bn_dense + conv1 + bn_conv1 + conv2",
        ),
        (
            "a bias on the Dense projection",
            "dense = LATENT_DIM * 7 * 7 * 128 + 7 * 7 * 128\n"
            "bn_dense = 4 * 7 * 7 * 128\n"
            "conv1 = 5 * 5 * 128 * 64 + 64\n"
            "bn_conv1 = 4 * 64\n"
            "conv2 = 5 * 5 * 64 * 1 + 1\n"
            "n_generator_params = dense + bn_dense + conv1 + bn_conv1 + conv2",
        ),
        (
            "transposed convolutions without their biases",
            "dense = LATENT_DIM * 7 * 7 * 128\n"
            "bn_dense = 4 * 7 * 7 * 128\n"
            "conv1 = 5 * 5 * 128 * 64\n"
            "bn_conv1 = 4 * 64\n"
            "conv2 = 5 * 5 * 64 * 1\n"
            "n_generator_params = dense + bn_dense + conv1 + bn_conv1 + conv2",
        ),
    ],
    3: [  # slerp(z0, z1, t)
        ("linear interpolation", "return (1 - t) * z0 + t * z1"),
        (
            "linear interpolation rescaled to z0's norm (nlerp)",
            "z = (1 - t) * z0 + t * z1\nreturn z * np.linalg.norm(z0) / np.linalg.norm(z)",
        ),
        (
            "the two weights swapped",
            "omega = np.arccos(np.clip(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)), -1.0, 1.0))\n"
            "return (np.sin(t * omega) * z0 + np.sin((1 - t) * omega) * z1) / np.sin(omega)",
        ),
        (
            "no division by sin(omega)",
            "omega = np.arccos(np.clip(np.dot(z0, z1) / (np.linalg.norm(z0) * np.linalg.norm(z1)), -1.0, 1.0))\n"
            "return np.sin((1 - t) * omega) * z0 + np.sin(t * omega) * z1",
        ),
    ],
    4: [  # slant(images) = -mu11 / mu02
        (
            "sign flipped (mu11 / mu02)",
            "images = np.asarray(images, np.float64)\n"
            "y, x = np.mgrid[:28, :28]\n"
            "mass = images.sum(axis=(1, 2))\n"
            "x_bar = (images * x).sum(axis=(1, 2)) / mass\n"
            "y_bar = (images * y).sum(axis=(1, 2)) / mass\n"
            "dx, dy = x - x_bar[:, None, None], y - y_bar[:, None, None]\n"
            "return (images * dx * dy).sum(axis=(1, 2)) / (images * dy**2).sum(axis=(1, 2))",
        ),
        (
            "divided by the horizontal moment mu20 instead of mu02",
            "images = np.asarray(images, np.float64)\n"
            "y, x = np.mgrid[:28, :28]\n"
            "mass = images.sum(axis=(1, 2))\n"
            "x_bar = (images * x).sum(axis=(1, 2)) / mass\n"
            "y_bar = (images * y).sum(axis=(1, 2)) / mass\n"
            "dx, dy = x - x_bar[:, None, None], y - y_bar[:, None, None]\n"
            "return -(images * dx * dy).sum(axis=(1, 2)) / (images * dx**2).sum(axis=(1, 2))",
        ),
        (
            "moments about the image corner, not the centre of mass",
            "images = np.asarray(images, np.float64)\n"
            "y, x = np.mgrid[:28, :28]\n"
            "return -(images * x * y).sum(axis=(1, 2)) / (images * y**2).sum(axis=(1, 2))",
        ),
    ],
}
