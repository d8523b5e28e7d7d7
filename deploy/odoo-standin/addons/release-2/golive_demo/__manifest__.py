# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Golive Demo',
    'version': '18.0.1.1.0',
    'category': 'Hidden',
    'depends': ['base', 'web'],
    'license': 'LGPL-3',
    'author': 'golive',
    'auto_install': False,
    'installable': True,
}
